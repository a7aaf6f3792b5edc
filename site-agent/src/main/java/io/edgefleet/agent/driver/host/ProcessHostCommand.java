package io.edgefleet.agent.driver.host;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs host tools as real processes, each within a deadline (a hung tool must not hang the reconcile loop). */
public final class ProcessHostCommand implements HostCommand {

    private final Duration timeout;

    public ProcessHostCommand(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Result run(List<String> argv, String input) {
        Process p;
        try {
            p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Result(127, "cannot run " + argv.get(0) + ": " + e.getMessage());
        }
        try (InputStream out = p.getInputStream()) {
            try (var stdin = p.getOutputStream()) {
                stdin.write(input.getBytes(StandardCharsets.UTF_8));
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return new Result(124, argv.get(0) + " did not finish within " + timeout.toSeconds() + " s");
            }
            // The tools used here print a few lines at most; the pipe buffer holds them until exit.
            return new Result(p.exitValue(), new String(out.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Result(126, "cannot read the output of " + argv.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return new Result(130, "interrupted while running " + argv.get(0));
        }
    }
}
