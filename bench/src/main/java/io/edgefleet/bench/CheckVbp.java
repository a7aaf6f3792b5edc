package io.edgefleet.bench;

import io.edgefleet.placement.engine.pack.Packing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check-vbp ASSIGNMENTS_DIR TABLE.tsv FILE.vbp...}: verifies the assignment file of each
 * instance (every item placed, no bin over capacity) and reports the mean gap against the
 * table: against column OPT where it is known (new/OPTIMA.tsv), and against column LB
 * (both tables). Exit status 1 when any assignment is invalid.
 */
public final class CheckVbp {

    private CheckVbp() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: check-vbp ASSIGNMENTS_DIR TABLE.tsv FILE.vbp...");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Map<String, long[]> table = readTable(Path.of(args[1]));
        int invalid = 0;
        double optGap = 0;
        double lbGap = 0;
        int withOpt = 0;
        int withLb = 0;
        int atOpt = 0;
        for (int a = 2; a < args.length; a++) {
            VbpInstance inst = VbpInstance.read(Path.of(args[a]));
            Path file = dir.resolve(inst.name() + ".txt");
            if (!Files.exists(file)) {
                System.out.println(inst.name() + "\tMISSING");
                invalid++;
                continue;
            }
            List<String> lines = Files.readAllLines(file).stream().filter(s -> !s.isBlank()).toList();
            int[] binOf = lines.stream().mapToInt(s -> Integer.parseInt(s.trim())).toArray();
            int bins = 0;
            for (int b : binOf) {
                bins = Math.max(bins, b + 1);
            }
            String bad = new Packing(binOf, bins, 0).violation(inst.problem());
            if (bad != null) {
                System.out.println(inst.name() + "\tINVALID\t" + bad);
                invalid++;
                continue;
            }
            long[] row = table.get(inst.name());
            if (row != null && row[1] > 0) {
                optGap += 100.0 * (bins - row[1]) / row[1];
                withOpt++;
                atOpt += bins == row[1] ? 1 : 0;
            }
            if (row != null && row[0] > 0) {
                lbGap += 100.0 * (bins - row[0]) / row[0];
                withLb++;
            }
        }
        System.out.printf("checked=%d invalid=%d%n", args.length - 2, invalid);
        if (withOpt > 0) {
            System.out.printf("vs_optimum: instances=%d at_optimum=%d mean_gap_pct=%.2f%n",
                    withOpt, atOpt, optGap / withOpt);
        }
        if (withLb > 0) {
            System.out.printf("vs_lower_bound: instances=%d mean_gap_pct=%.2f%n", withLb, lbGap / withLb);
        }
        System.exit(invalid == 0 ? 0 : 1);
    }

    /** name -> {LB, OPT}; OPT is -1 when unknown or when the table has no OPT column. */
    private static Map<String, long[]> readTable(Path tsv) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(tsv));
        List<String> header = List.of(lines.remove(0).split("\t"));
        int lb = header.indexOf("LB");
        int opt = header.indexOf("OPT");
        Map<String, long[]> out = new HashMap<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t");
            out.put(f[0], new long[] {lb < 0 ? -1 : Long.parseLong(f[lb]),
                opt < 0 ? -1 : Long.parseLong(f[opt])});
        }
        return out;
    }
}
