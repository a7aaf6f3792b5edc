package io.edgefleet.bench;

import io.edgefleet.placement.engine.pack.Packing;
import io.edgefleet.placement.engine.pack.VectorPacker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code pack-vbp [--time-limit-ms N] [--assignments DIR] [--seed S] FILE.vbp...}: packs each
 * instance with the engine's batch packer and prints {@code name<TAB>bins<TAB>ms}.
 */
public final class PackVbp {

    private PackVbp() {
    }

    public static void main(String[] args) throws IOException {
        long limitMs = 100;
        long seed = 42;
        Path assignments = null;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--time-limit-ms" -> limitMs = Long.parseLong(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--assignments" -> assignments = Path.of(args[++i]);
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: pack-vbp [--time-limit-ms N] [--assignments DIR] [--seed S] FILE.vbp...");
            System.exit(2);
        }
        if (assignments != null) {
            Files.createDirectories(assignments);
        }
        // Every instance gets the same packer (same seed): results do not depend on file order,
        // apart from the JIT being colder for the first files.
        VectorPacker packer = new VectorPacker(limitMs, seed);
        for (Path f : files) {
            VbpInstance inst = VbpInstance.read(f);
            long t0 = System.nanoTime();
            Packing packing = packer.pack(inst.problem());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println(inst.name() + "\t" + packing.bins() + "\t" + ms);
            if (assignments != null) {
                StringBuilder sb = new StringBuilder();
                for (int b : packing.binOf()) {
                    sb.append(b).append('\n');
                }
                Files.writeString(assignments.resolve(inst.name() + ".txt"), sb);
            }
        }
    }
}
