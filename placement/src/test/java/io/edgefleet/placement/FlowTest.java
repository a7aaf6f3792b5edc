package io.edgefleet.placement;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A service test that talks to placement over the real broker: a fresh {@link Flow} per test. */
abstract class FlowTest {
    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    Flow flow;

    @BeforeEach
    void connect() {
        flow = new Flow(bootstrapServers);
    }

    @AfterEach
    void disconnect() {
        flow.close();
    }
}
