package io.edgefleet.bench;

import io.edgefleet.placement.engine.pack.PackingProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A VPSolver {@code .vbp} instance: d, the bin capacities, m item types each with sizes and a
 * multiplicity. Items are expanded in file order, which is the order of assignment files.
 *
 * @param name    file name without {@code .vbp}
 * @param problem the expanded instance
 */
public record VbpInstance(String name, PackingProblem problem) {

    /** Reads one file. */
    public static VbpInstance read(Path file) throws IOException {
        String[] tok = Files.readString(file).trim().split("\\s+");
        int at = 0;
        int d = Integer.parseInt(tok[at++]);
        long[] cap = new long[d];
        for (int j = 0; j < d; j++) {
            cap[j] = Long.parseLong(tok[at++]);
        }
        int m = Integer.parseInt(tok[at++]);
        List<long[]> items = new ArrayList<>();
        for (int t = 0; t < m; t++) {
            long[] w = new long[d];
            for (int j = 0; j < d; j++) {
                w[j] = Long.parseLong(tok[at++]);
            }
            int q = Integer.parseInt(tok[at++]);
            for (int c = 0; c < q; c++) {
                items.add(w);
            }
        }
        String name = file.getFileName().toString().replaceFirst("\\.vbp$", "");
        return new VbpInstance(name, new PackingProblem(cap, items.toArray(new long[0][])));
    }
}
