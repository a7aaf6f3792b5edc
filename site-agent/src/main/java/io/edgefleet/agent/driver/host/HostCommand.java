package io.edgefleet.agent.driver.host;

import java.util.List;

/**
 * Runs a host tool ({@code ip}, {@code bridge}, {@code cp}) and returns what it printed. A port so tests
 * can record the calls where no real host is wanted; the real-guest tests use {@link ProcessHostCommand}.
 */
public interface HostCommand {

    /** What a command did: its exit status and its merged stdout and stderr. */
    record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code argv} to completion (bounded by the implementation's timeout). */
    default Result run(List<String> argv) {
        return run(argv, "");
    }

    /** Runs {@code argv} with {@code input} on its stdin (e.g. {@code ip -batch -}: many changes, one process). */
    Result run(List<String> argv, String input);

    /** Runs {@code argv} and throws {@link HostSetupException} with {@code what} and the tool's own words unless it succeeded. */
    default String require(String what, List<String> argv) {
        return require(what, argv, "");
    }

    /** As {@link #require(String, List)}, with {@code input} on the command's stdin. */
    default String require(String what, List<String> argv, String input) {
        Result r = run(argv, input);
        if (!r.ok()) {
            throw new HostSetupException(what + ": `" + String.join(" ", argv) + (input.isEmpty() ? "" : " <<< " + input.strip().replace("\n", "; "))
                    + "` exited " + r.exitCode()
                    + (r.output().isBlank() ? "" : ": " + r.output().strip()));
        }
        return r.output();
    }
}
