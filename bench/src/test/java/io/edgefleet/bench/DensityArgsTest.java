package io.edgefleet.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command line and the summary line of bench/density. */
class DensityArgsTest {

    @Test
    void defaultsAndOptions() {
        assertEquals(new DensityArgs(1_000, 1, 2024), DensityArgs.parse());
        assertEquals(new DensityArgs(50, 5, 7), DensityArgs.parse("50", "--seeds", "5", "--seed", "7"));
        assertEquals(new DensityArgs(1_000, 3, 2024), DensityArgs.parse("--seeds", "3"));
    }

    @Test
    void badInputSaysWhatIsWrong() {
        assertTrue(message("--seeds").contains("--seeds needs a value"));
        assertTrue(message("--seeds", "0").contains("--seeds must be a positive integer, not 0"));
        assertTrue(message("ten").contains("SITES must be an integer, not ten"));
        assertTrue(message("10", "20").contains("unexpected argument: 20"));
        assertTrue(message("--fast").contains("unexpected argument: --fast"));
    }

    @Test
    void summaryTakesMediansAndRanges() {
        // dedicated, of it control-plane servers, mixed
        List<DensityRun> runs = List.of(run(50, 30, 30), run(60, 36, 30), run(55, 33, 35));

        // saved_pct: 40, 50, 36; control-plane servers mixed: 30-20, 30-24, 35-22 = 10, 6, 13,
        // so cp_servers_saved_pct: 67, 83, 61
        assertEquals("dedicated_hosts=55 mixed_hosts=30 saved_pct=40 saved_pct_range=36-50 "
                + "cp_servers_dedicated=33 cp_servers_mixed=10 cp_servers_saved_pct=67 "
                + "cp_servers_saved_pct_range=61-83 seeds=3", DensitySummary.line(runs));
    }

    private static DensityRun run(long dedicated, long dedicatedCp, long mixed) {
        return new DensityRun(1, 1, 1, 0, dedicated, dedicatedCp, mixed);
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> DensityArgs.parse(args)).getMessage();
    }
}
