package io.edgefleet.servicekit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * Keeps {@code /q/metrics} readable in both exposition formats, OpenMetrics 1.0.0 (the default) and
 * the classic text format 0.0.4, by Prometheus and by {@code promtool check metrics}:
 * <ul>
 * <li>Help texts carry no double quote: OpenMetrics escapes it in a HELP line ({@code \"}), the
 * classic format does not, and its parser (promtool's) refuses the whole body at that escape. Some of
 * Micrometer's own meters quote words in their descriptions; they become single quotes here.</li>
 * <li>A client that asks for OpenMetrics without naming a charset
 * ({@code Accept: application/openmetrics-text; version=1.0.0}) gets it: Quarkus' route declares the
 * type with its charset parameter and answers such a request 406.</li>
 * </ul>
 * Placement, the site agent and fleet-api all get it from this module.
 */
@ApplicationScoped
public class MetricsExposition {
    static final String PATH = "/q/metrics";
    static final String OPENMETRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

    @Inject
    PrometheusMeterRegistry registry;

    @Produces
    @Singleton
    MeterFilter helpWithoutDoubleQuotes() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String help = id.getDescription();
                if (help == null || help.indexOf('"') < 0) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                        id.getBaseUnit(), help.replace('"', '\''), id.getType());
            }
        };
    }

    void route(@Observes Router router) {
        // Before Quarkus' own metrics routes, which would refuse this request; a scrape reads every
        // meter, so off the event loop.
        router.get(PATH).order(-100).blockingHandler(this::openMetricsWithoutCharset, false);
    }

    private void openMetricsWithoutCharset(RoutingContext rc) {
        String accept = rc.request().getHeader("Accept");
        // Quarkus serves the classic format whenever text/plain is acceptable; leave those to it.
        if (accept == null || !accept.contains("application/openmetrics-text") || accept.contains("text/plain")
                || accept.contains("text/html")) {
            rc.next();
            return;
        }
        rc.response().putHeader("Content-Type", OPENMETRICS).end(registry.scrape(OPENMETRICS));
    }
}
