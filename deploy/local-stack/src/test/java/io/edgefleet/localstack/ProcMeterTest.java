package io.edgefleet.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Per-thread CPU from /proc/PID/task, checked against a thread of this JVM that burns CPU. */
class ProcMeterTest {

    @Test
    void threadCpuSecondsFindsTheNamedThreadAndItsCpuTime() throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch burnt = new CountDownLatch(1);
        CountDownLatch measured = new CountDownLatch(1);
        Thread spinner = new Thread(() -> {
            long x = 0;
            // CPU time, not wall time: the machine may be busy, the thread must have run 300 ms.
            while (threads.getCurrentThreadCpuTime() < 300_000_000L) {
                x += System.nanoTime() % 7;
            }
            burnt.countDown();
            try {
                measured.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (x == 42) {
                System.out.println(x); // keeps the loop from being optimised away
            }
        }, "procmeter-spinner");
        spinner.start();
        burnt.await();
        try {
            Map<String, Double> seconds = ProcMeter.threadCpuSeconds(ProcessHandle.current().pid(),
                    Pattern.compile("procmeter-spin.*")); // names are cut to 15 characters
            assertEquals(1, seconds.size(), "only the spinner is named so: " + seconds);
            double cpu = seconds.values().iterator().next();
            assertTrue(cpu >= 0.2 && cpu < 60, "the spinner ran 0.3 s of CPU, /proc says " + cpu);
            assertTrue(seconds.keySet().iterator().next().matches("\\d+@\\d+"), "thread id @ start time");
        } finally {
            measured.countDown();
            spinner.join();
        }
    }

    @Test
    void aProcessThatIsGoneHasNoThreads() {
        assertEquals(Map.of(), ProcMeter.threadCpuSeconds(Long.MAX_VALUE, Pattern.compile(".*")));
    }
}
