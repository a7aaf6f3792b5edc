package io.edgefleet.bench.pipeline;

import io.edgefleet.events.request.ClusterRequested;
import io.edgefleet.localstack.KafkaTopics;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sustained load through the real broker and PostgreSQL on this machine, in one run: first a bare
 * pipeline (consume → one transaction → produce, no logic), then the placement service, both at
 * the same offered rate. Reports requests/s, p50/p99 from request published to plan published,
 * and bare_ratio = machine CPU per request with placement / with the bare pipeline.
 *
 * <p>Arguments: {@code [rate/s] [seconds] [sites] [warm-up seconds]} (defaults 4000 60 1000 90).
 */
public final class PipelineMain {
    private PipelineMain() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 4000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        int sites = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        // Unmeasured load first, at the same rate: a service runs for months, and its JIT compiles
        // for its first minute or two. After 30 s of this load placement's compiler threads still
        // took 22 us per request of the window, after 90 s 4 us (the "of which JIT" line).
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 90;
        Path repo = Path.of(System.getProperty("edgefleet.repo", ".")).toAbsolutePath().normalize();
        // Each phase starts with a checkpoint (drive) and none may fall in its window. Placement
        // writes ~18 MB/s of WAL: with the stack's 4GB, PostgreSQL would checkpoint again after
        // ~2 GB (~2 min), inside placement's window only. Options given later win.
        System.setProperty("edgefleet.postgres.options",
                "-c max_wal_size=16GB " + System.getProperty("edgefleet.postgres.options", ""));
        BenchStack stack0 = new BenchStack(repo, BenchStack.freshDir(repo, "pipeline"));
        // Ctrl-C or a timeout must not leave a broker, PostgreSQL or placement running.
        Thread cleanup = new Thread(stack0::close, "bench-stack-stop");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (BenchStack stack = stack0) {
            stack.start(List.of(new KafkaTopics.Topic(BarePipeline.IN, 8, false),
                    new KafkaTopics.Topic(BarePipeline.OUT, 8, false)));
            BarePipeline.awaitPartitionsOpen(stack);
            System.out.printf("stack up: kafka %s, postgresql :%d (%s)%n", stack.bootstrap(), stack.postgres.port(),
                    stack.dir);

            Result bare = bare(stack, rate, seconds, warmup, sites);
            System.out.printf("bare pipeline:  offered %d/s, done %.0f/s, p50 %d ms, p99 %d ms, cpu %.0f us/record%n",
                    rate, bare.perSecond, bare.p50, bare.p99, bare.cpuMicrosPerRecord);
            System.out.println("  " + bare.cpuBreakdown);
            System.out.println("  " + bare.jitCompiling);
            System.out.println("  " + bare.diskWrites);
            System.out.println("  worst seconds of the window: " + bare.worstSeconds);

            Result placement = placement(stack, rate, seconds, warmup, sites);
            System.out.printf("placement:      offered %d/s, done %.0f/s, p50 %d ms, p99 %d ms, cpu %.0f us/request%n",
                    rate, placement.perSecond, placement.p50, placement.p99, placement.cpuMicrosPerRecord);
            System.out.println("  " + placement.cpuBreakdown);
            System.out.println("  " + placement.jitCompiling);
            System.out.println("  " + placement.diskWrites);
            System.out.println("  worst seconds of the window: " + placement.worstSeconds);
            double ratio = placement.cpuMicrosPerRecord / bare.cpuMicrosPerRecord;
            if (Fleet.UNACKNOWLEDGED.get() > 0) {
                System.out.println("warning: " + Fleet.UNACKNOWLEDGED.get() + " load records never acknowledged");
            }
            System.out.printf("load average at the end: %s%n", CpuMeter.loadAverage());
            System.out.printf("requests_per_s=%.0f p50_ms=%d p99_ms=%d bare_ratio=%.2f%n",
                    placement.perSecond, placement.p50, placement.p99, ratio);
        }
    }

    record Result(double perSecond, long p50, long p99, double cpuMicrosPerRecord, String cpuBreakdown,
                  String diskWrites, String worstSeconds, String jitCompiling) {
    }


    private static Result bare(BenchStack stack, int rate, int seconds, int warmup, int sites) throws Exception {
        BarePipeline pipeline = new BarePipeline(stack);
        pipeline.start();
        Stats[] stats = {new Stats()};
        boolean[] reading = {true};
        int[] received = {0};
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of("bootstrap.servers", stack.bootstrap(),
                    "group.id", "bare-reader", "auto.offset.reset", "earliest"), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                c.subscribe(List.of(BarePipeline.OUT));
                while (reading[0]) {
                    for (ConsumerRecord<String, byte[]> r : c.poll(Duration.ofMillis(100))) {
                        long sent = Long.parseLong(new String(r.headers().lastHeader("sent").value()));
                        stats[0].add(sent, r.timestamp() - sent);
                        received[0]++;
                    }
                }
            }
        });
        reader.start();
        byte[] payload = new byte[500];
        new Random(1).nextBytes(payload);
        Result result;
        KafkaProducer<String, byte[]> producer = Fleet.producer(stack.bootstrap());
        try {
            result = drive(stack, 0, rate, seconds, warmup, () -> stats[0] = new Stats(), i -> {
                ProducerRecord<String, byte[]> r = new ProducerRecord<>(BarePipeline.IN, Fleet.site(i % sites), payload);
                r.headers().add("sent", BarePipeline.sentHeader(System.currentTimeMillis()));
                Fleet.send(producer, r);
            });
        } finally {
            Fleet.close(producer);
        }
        BenchStack.sleep(2000);
        reading[0] = false;
        reader.join();
        pipeline.stop();
        pipeline.dropTables();
        return result;
    }

    private static Result placement(BenchStack stack, int rate, int seconds, int warmup, int sites) throws Exception {
        long pid = stack.startPlacement(0).pid();
        PlanWatcher watcher = new PlanWatcher(stack.bootstrap());
        watcher.start();
        Result result;
        KafkaProducer<String, byte[]> producer = Fleet.producer(stack.bootstrap());
        try {
            Fleet.heartbeats(producer, sites);
            Fleet.awaitSites(stack, sites);
            // Every other request deletes the cluster created `lag` requests earlier: live clusters stay bounded.
            int lag = Math.max(2000, rate);
            List<ClusterRequested> created = new ArrayList<>();
            result = drive(stack, pid, rate, seconds, warmup, () -> watcher.stats = new Stats(), i -> {
                long now = System.currentTimeMillis();
                if (i % 2 == 0 || created.size() <= lag) {
                    ClusterRequested c = Fleet.create("c" + i, Fleet.site((int) ((i * 7919L) % sites)));
                    created.add(c);
                    watcher.created(c.clusterId(), now);
                    Fleet.send(producer, Fleet.record(c));
                } else {
                    ClusterRequested c = created.get(created.size() - lag);
                    watcher.deleted(c.siteId(), c.clusterId(), now);
                    Fleet.send(producer, Fleet.record(Fleet.delete(c)));
                }
            });
        } finally {
            Fleet.close(producer);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (watcher.pending() > 0 && System.nanoTime() < deadline) {
            BenchStack.sleep(100);
        }
        if (watcher.pending() > 0) {
            System.out.println("warning: " + watcher.pending() + " requests not yet in a plan after 30 s");
        }
        watcher.stop();
        return result;
    }

    /**
     * Both phases start their load right after a checkpoint, and their windows end before the next
     * one (5 min): no window holds a checkpoint's writes, and both hold the full-page images that
     * follow one, 90-150 s after it. Before, PostgreSQL's first checkpoint fell by chance in
     * placement's window and never in the bare phase's.
     */
    private static void checkpoint(BenchStack stack) throws Exception {
        try (Connection c = stack.db(); Statement s = c.createStatement()) {
            s.execute("checkpoint");
        }
    }

    interface Send {
        void send(int i) throws Exception;
    }

    /**
     * Offers {@code rate} records/s for {@code seconds}; samples taken during the warm-up are
     * dropped. Throughput = samples completed in the measured window / its length.
     */
    private static Result drive(BenchStack stack, long servicePid, int rate, int seconds, int warmup,
                                java.util.function.Supplier<Stats> reset, Send send) throws Exception {
        checkpoint(stack);
        Stats stats = null;
        long start = System.nanoTime();
        long measureFrom = start + warmup * 1_000_000_000L;
        long end = start + (long) (seconds + warmup) * 1_000_000_000L;
        int i = 0;
        boolean measuring = false;
        CpuBreakdown cpu0 = null;
        DiskWrites disk0 = null;
        JitCpu serviceJit0 = null;
        JitCpu benchJit0 = null;
        long benchPid = ProcessHandle.current().pid();
        int sent0 = 0;
        int done0 = 0;
        long t0 = 0;
        while (true) {
            long now = System.nanoTime();
            if (now >= end) {
                break;
            }
            if (!measuring && now >= measureFrom) {
                measuring = true;
                stats = reset.get();
                cpu0 = CpuBreakdown.take(stack, servicePid);
                disk0 = DiskWrites.take();
                serviceJit0 = JitCpu.take(servicePid);
                benchJit0 = JitCpu.take(benchPid);
                sent0 = i;
                t0 = now;
            }
            long due = (long) ((now - start) / 1e9 * rate);
            while (i < due) {
                send.send(i++);
            }
            BenchStack.sleep(1);
        }
        double elapsed = (System.nanoTime() - t0) / 1e9;
        CpuBreakdown cpu = CpuBreakdown.take(stack, servicePid).minus(cpu0);
        DiskWrites disk = DiskWrites.take().minus(disk0);
        double serviceJit = JitCpu.take(servicePid).since(serviceJit0);
        double benchJit = JitCpu.take(benchPid).since(benchJit0);
        int sent = i - sent0;
        BenchStack.sleep(1000);
        Stats s = stats;
        double perSecond = Math.min(sent, s.count()) / elapsed;
        String serviceName = servicePid > 0 ? "placement" : "";
        return new Result(perSecond, s.percentile(50), s.percentile(99), cpu.machine() / Math.max(1, sent) * 1e6,
                cpu.perRecord(sent, serviceName), disk.perRecord(sent, elapsed), s.worstSeconds(5),
                CpuBreakdown.jitPerRecord(sent, serviceName, serviceJit, benchJit));
    }
}
