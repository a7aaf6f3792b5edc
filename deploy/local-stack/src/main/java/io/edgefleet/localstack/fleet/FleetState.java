package io.edgefleet.localstack.fleet;

import io.edgefleet.localstack.StackProcess;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running local fleet is made of, written to {@code run/fleet.properties} so that
 * {@code fleet down} and {@code fleet status} (other JVMs) find every process by its PID.
 */
public record FleetState(Path runDir, FleetPorts ports, int sites, List<StackProcess> processes) {
    static final String FILE = "fleet.properties";

    public void write() throws IOException {
        Properties p = new Properties();
        p.setProperty("ports", ports.kafka() + "," + ports.postgres() + "," + ports.api() + "," + ports.placement()
                + "," + ports.agentBase());
        p.setProperty("sites", String.valueOf(sites));
        for (int i = 0; i < processes.size(); i++) {
            StackProcess sp = processes.get(i);
            p.setProperty("process." + i, sp.name() + "," + sp.pid() + "," + sp.log());
        }
        Files.createDirectories(runDir);
        try (Writer w = Files.newBufferedWriter(runDir.resolve(FILE))) {
            p.store(w, "local fleet: written by `fleet up`, removed by `fleet down`");
        }
    }

    public static Optional<FleetState> read(Path runDir) throws IOException {
        Path file = runDir.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file)) {
            p.load(r);
        }
        String[] ports = p.getProperty("ports").split(",");
        FleetPorts fp = new FleetPorts(Integer.parseInt(ports[0]), Integer.parseInt(ports[1]),
                Integer.parseInt(ports[2]), Integer.parseInt(ports[3]), Integer.parseInt(ports[4]));
        List<StackProcess> processes = new ArrayList<>();
        for (int i = 0; p.containsKey("process." + i); i++) {
            String[] f = p.getProperty("process." + i).split(",", 3);
            processes.add(new StackProcess(f[0], Long.parseLong(f[1]), Path.of(f[2])));
        }
        return Optional.of(new FleetState(runDir, fp, Integer.parseInt(p.getProperty("sites")), processes));
    }

    public void delete() throws IOException {
        Files.deleteIfExists(runDir.resolve(FILE));
    }
}
