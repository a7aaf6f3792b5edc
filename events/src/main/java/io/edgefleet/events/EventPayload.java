package io.edgefleet.events;

/**
 * The data of one event: every payload record of the contract implements this.
 *
 * <p>The two methods are not serialised (they are not record components); they tell the codec
 * which Kafka record key and which {@code ce_subject} the event carries, so that producers never
 * have to remember the keying rules of each topic.
 */
public interface EventPayload {

    /**
     * The Kafka record key: the site id on site-bound topics, the cluster id on
     * {@link Topics#CLUSTER_STATUS}. May be {@code null} only for a rejection of a request whose
     * site could not be read.
     */
    String partitionKey();

    /** The {@code ce_subject}: the id of the thing the event is about, or {@code null}. */
    String subject();
}
