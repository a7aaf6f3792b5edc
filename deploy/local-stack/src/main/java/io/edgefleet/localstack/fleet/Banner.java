package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.KafkaAccess;
import java.io.PrintStream;

/** What `fleet up` prints once everything runs: where to look. */
final class Banner {
    private Banner() {
    }

    static void print(FleetState state, KafkaAccess kafka, PrintStream out) {
        FleetPorts p = state.ports();
        out.println();
        out.println("The fleet manager runs locally:");
        out.println("  fleet-api   http://localhost:" + p.api() + "/api/v1/clusters   (OpenAPI: /q/openapi, Swagger UI: /q/swagger-ui)");
        service(out, "fleet-api", p.api());
        service(out, "placement", p.placement());
        for (int i = 1; i <= state.sites(); i++) {
            service(out, "agent " + SiteInventories.siteId(i), p.agent(i));
        }
        out.println("  Kafka       localhost:" + p.kafka() + (kafka.saslSsl() ? " (SASL_SSL)" : "") + "      PostgreSQL  localhost:"
                + p.postgres() + " (database edgefleet, user postgres)");
        if (kafka.saslSsl()) {
            out.println("  kcat        KCAT_CONFIG=" + KafkaClientFiles.kcatConfig(state.runDir()) + " kcat -b localhost:"
                    + p.kafka() + " -L   (Java clients: " + KafkaClientFiles.javaProperties(state.runDir()) + ")");
            // Debian 12's kcat (librdkafka 2.0.2) fails SCRAM against a Kafka 4 broker; say so before someone tries.
            out.println("              kcat needs librdkafka 2.6.1 or newer for SCRAM; with an older one start the fleet"
                    + " with --kafka-security plaintext");
        }
        out.println("  logs        " + state.runDir().resolve("logs") + " (Kafka: " + state.runDir().resolve("kafka/kafka.log")
                + ", PostgreSQL: " + state.runDir().resolve("postgres/postgres.log") + ")");
        out.println("  token       export FLEETCTL_TOKEN=$(deploy/local/fleet token --team team-a | tail -1)");
        out.println("  try         curl -s -H \"Authorization: Bearer $FLEETCTL_TOKEN\" localhost:" + p.api()
                + "/api/v1/clusters/demo-1");
        out.println("  dashboard   http://localhost:" + p.api() + "/dashboard.html#token=<deploy/local/fleet token --admin>");
    }

    private static void service(PrintStream out, String name, int port) {
        out.printf("  %-18s health http://localhost:%d/q/health   metrics http://localhost:%d/q/metrics%n",
                name, port, port);
    }
}
