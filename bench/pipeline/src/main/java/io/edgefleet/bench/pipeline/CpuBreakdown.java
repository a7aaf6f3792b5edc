package io.edgefleet.bench.pipeline;

import io.edgefleet.localstack.ProcMeter;

/**
 * CPU seconds by process over a measured window: the machine as a whole (/proc/stat), the service
 * under test (placement; 0 in the bare phase, where the pipeline runs inside the bench's JVM), the
 * broker, PostgreSQL (postmaster and backends) and the bench's own JVM (load generator and
 * reader). Printed per record, so a ratio between the phases can be traced to a process.
 */
record CpuBreakdown(double machine, double service, double broker, double postgres, double bench) {

    static CpuBreakdown take(BenchStack stack, long servicePid) {
        double postgres;
        try {
            postgres = ProcMeter.cpuSecondsWithChildren(stack.postgres.pid());
        } catch (java.io.IOException e) {
            postgres = 0;
        }
        return new CpuBreakdown(CpuMeter.busySeconds(), servicePid > 0 ? ProcMeter.cpuSeconds(servicePid) : 0,
                ProcMeter.cpuSeconds(stack.brokerProcess.pid()), postgres,
                ProcMeter.cpuSeconds(ProcessHandle.current().pid()));
    }

    CpuBreakdown minus(CpuBreakdown before) {
        return new CpuBreakdown(machine - before.machine, service - before.service, broker - before.broker,
                postgres - before.postgres, bench - before.bench);
    }

    /** Microseconds per record of each part; "other" is the machine's busy time no listed process explains. */
    String perRecord(int records, String serviceName) {
        double n = millionsOf(records);
        double other = machine - service - broker - postgres - bench;
        return String.format("cpu us/record: machine %.0f = %sbroker %.0f + postgresql %.0f + bench jvm %.0f + other %.0f",
                machine / n, servicePart(serviceName, service / n), broker / n, postgres / n, bench / n, other / n);
    }

    /** The part of the window's CPU that JIT compiler threads ({@link JitCpu}) took, per record. */
    static String jitPerRecord(int records, String serviceName, double serviceSeconds, double benchSeconds) {
        double n = millionsOf(records);
        return String.format("of which JIT compiling, us/record: %sbench jvm %.0f",
                servicePart(serviceName, serviceSeconds / n), benchSeconds / n);
    }

    /** Seconds divided by this are microseconds per record. */
    private static double millionsOf(int records) {
        return Math.max(1, records) / 1e6;
    }

    /** "placement 98 + ", or nothing in the bare phase (no service process). */
    private static String servicePart(String serviceName, double micros) {
        return serviceName.isEmpty() ? "" : String.format("%s %.0f + ", serviceName, micros);
    }
}
