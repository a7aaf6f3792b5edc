package io.edgefleet.localstack;

import java.util.Arrays;
import java.util.Locale;

/** How the local broker's clients connect: in the clear (tests, benchmarks) or as in production. */
public enum KafkaSecurity {
    PLAINTEXT,
    /** TLS with the stack's own CA, SCRAM-SHA-512 users: what the Helm chart's default expects of a broker. */
    SASL_SSL;

    /** {@code plaintext} or {@code sasl_ssl}, in any case; anything else is refused naming the choices. */
    public static KafkaSecurity parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown Kafka security '" + text + "': choose one of "
                    + Arrays.toString(values()).toLowerCase(Locale.ROOT));
        }
    }
}
