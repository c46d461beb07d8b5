package org.mengkeju.platform.outbox;

import static org.mengkeju.platform.RealInfrastructure.freshMongo;
import static org.mengkeju.platform.RealInfrastructure.kafkaBootstrap;
import static org.mengkeju.platform.RealInfrastructure.kafkaTemplate;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.config.OutboxAutoConfiguration;
import org.mengkeju.platform.metrics.MetricNames;
import org.springframework.data.annotation.Id;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Outbox relay throughput and write-to-Kafka latency for a burst of aggregates, and the relay's idle CPU over a large
 * settled collection, on the real broker and the MongoDB-wire store. Not a test: run it with {@code bin/bench-outbox}
 * (see benchmarks/README.md). Writes {@code benchmarks/results/outbox-<label>.json}.
 */
class OutboxBenchmark {

    static final int EVENTS = Integer.getInteger("benchmark.events", 10_000);
    static final int IDLE_DOCUMENTS = Integer.getInteger("benchmark.idleDocuments", 100_000);
    static final int IDLE_SECONDS = Integer.getInteger("benchmark.idleSeconds", 20);
    static final int WRITERS = Integer.getInteger("benchmark.writers", 4);
    /** Aggregates written and published before the burst, so that the burst runs on compiled code. */
    static final int WARM_UP = Integer.getInteger("benchmark.warmup", 5_000);
    static final String LABEL = System.getProperty("benchmark.label", "after");
    /** Bursts measured one after another; each figure reported is the median of the rounds. */
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);

    /** One aggregate per write, each recording one event. */
    @org.springframework.data.mongodb.core.mapping.Document("listings")
    static class Listing extends OutboxAggregate {
        @Id
        String id;
        String status = "PUBLISHED";

        Listing(String id) {
            this.id = id;
        }
    }

    @Test
    void measure() throws Exception {
        String topic = RealInfrastructure.uniqueTopic("bench");
        var contract = new EventContract<>(AchievementPublished.CONTRACT.type(), topic, AchievementPublished.class);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        meters.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                return id.getName().equals(MetricNames.OUTBOX_LAG)
                        ? DistributionStatisticConfig.builder().percentiles(0.5, 0.99).percentilePrecision(2)
                                .expiry(Duration.ofHours(1)).bufferLength(1).build().merge(config)
                        : config;
            }
        });
        OutboxSignal signal = new OutboxSignal();
        MongoTemplate mongo = freshMongo();
        mongo.setEntityCallbacks(EntityCallbacks.create(new OutboxRecording(signal)));
        var properties = new OutboxProperties(List.of("listings"), Duration.ofSeconds(1), 200, Duration.ofSeconds(10),
                Duration.ofSeconds(60), 3);
        // The relay's producer as the services configure it (linger, timeouts), on the test broker.
        OutboxRelay relay = new OutboxRelay(mongo, OutboxAutoConfiguration.relayTemplate(
                kafkaTemplate(kafkaBootstrap(), Map.of()).getProducerFactory(), properties), properties,
                "/mengkeju/benchmark", meters, signal);

        // Warm up the producer, the topic's metadata and the JIT, outside the measurement: from as many writers as
        // the burst, so that the same code paths are compiled (200 single-threaded writes left the burst's first
        // seconds to the interpreter and the first compiler tier).
        relay.start();
        writeFromWriters(mongo, contract, "warm-", WARM_UP);
        awaitPublished(meters, WARM_UP, Duration.ofMinutes(5));
        meters.clear();

        // The burst: several writers at once, as request threads of a busy service would. Several bursts, each
        // measured alone, and the median reported: on shared cores one burst's figures move by a fifth.
        double[] perSecondByRound = new double[ROUNDS];
        double[] p50ByRound = new double[ROUNDS];
        double[] p99ByRound = new double[ROUNDS];
        double[] burstByRound = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long start = System.nanoTime();
            writeFromWriters(mongo, contract, "ach-" + round + "-", EVENTS);
            long written = System.nanoTime();
            awaitPublished(meters, EVENTS, Duration.ofMinutes(10));
            long done = System.nanoTime();
            Timer lag = meters.get(MetricNames.OUTBOX_LAG).timer();
            p50ByRound[round] = percentile(lag, 0.5);
            p99ByRound[round] = percentile(lag, 0.99);
            perSecondByRound[round] = EVENTS / ((done - start) / 1e9);
            burstByRound[round] = (written - start) / 1e9;
            meters.clear();
        }
        relay.stop();

        // Idle: a large collection with nothing pending; first the process without the relay, then with it.
        MongoTemplate idle = freshMongo();
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < IDLE_DOCUMENTS; i++) {
            batch.add(new Document("_id", "settled-" + i).append("status", "PUBLISHED")
                    .append("title", "已发布的成果 " + i).append("pendingEvents", List.of()));
            if (batch.size() == 5_000) {
                idle.getCollection("listings").insertMany(batch);
                batch.clear();
            }
        }
        var idleProperties = new OutboxProperties(List.of("listings"), Duration.ofSeconds(1), 200,
                Duration.ofSeconds(10), Duration.ofSeconds(60), 3);
        OutboxRelay idleRelay = new OutboxRelay(idle, OutboxAutoConfiguration.relayTemplate(
                kafkaTemplate(kafkaBootstrap(), Map.of()).getProducerFactory(), idleProperties), idleProperties,
                "/mengkeju/benchmark", new SimpleMeterRegistry(), new OutboxSignal());
        System.gc();
        Thread.sleep(3_000);
        double baseline = cpuPercent(IDLE_SECONDS);
        idleRelay.start();
        Thread.sleep(5_000);
        double withRelay = cpuPercent(IDLE_SECONDS);
        idleRelay.stop();
        double idleCpu = Math.max(0, withRelay - baseline);

        String json = String.format(Locale.ROOT, """
                {
                  "label": "%s",
                  "events": %d,
                  "rounds": %d,
                  "events_per_second": %.0f,
                  "writers": %d,
                  "warm_up_events": %d,
                  "write_burst_seconds": %.2f,
                  "write_to_kafka_p50_ms": %.1f,
                  "write_to_kafka_p99_ms": %.1f,
                  "events_per_second_by_round": %s,
                  "write_to_kafka_p50_ms_by_round": %s,
                  "write_to_kafka_p99_ms_by_round": %s,
                  "idle_documents": %d,
                  "idle_cpu_percent": %.2f,
                  "idle_process_cpu_percent_without_relay": %.2f,
                  "idle_process_cpu_percent_with_relay": %.2f,
                  "idle_seconds": %d,
                  "measured_at": "%s"
                }
                """, LABEL, EVENTS, ROUNDS, median(perSecondByRound), WRITERS, WARM_UP, median(burstByRound),
                median(p50ByRound), median(p99ByRound), list(perSecondByRound, "%.0f"), list(p50ByRound, "%.1f"),
                list(p99ByRound, "%.1f"), IDLE_DOCUMENTS, idleCpu, baseline, withRelay, IDLE_SECONDS, Instant.now());
        Path results = Path.of(System.getProperty("benchmark.results", "../benchmarks/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("outbox-" + LABEL + ".json"), json);
        System.out.println(json);
    }

    /** {@code count} aggregates from {@code WRITERS} threads at once; returns when all are written. */
    private static void writeFromWriters(MongoTemplate mongo, EventContract<AchievementPublished> contract,
            String prefix, int count) {
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.submit(() -> {
                    for (int i = writer; i < count; i += WRITERS) {
                        write(mongo, contract, prefix + i);
                    }
                });
            }
        }
    }

    private static void write(MongoTemplate mongo, EventContract<AchievementPublished> contract, String id) {
        Listing listing = new Listing(id);
        Instant now = Instant.now();
        listing.record(contract, id, new AchievementPublished(id, "玉米皮菌体蛋白生物发酵饲料", "imut",
                "MODERN_AGRICULTURE", "INDUSTRIALISED", now), now);
        mongo.insert(listing);
    }

    private static void awaitPublished(SimpleMeterRegistry meters, int expected, Duration deadline)
            throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (published(meters) < expected) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("only " + published(meters) + " of " + expected + " published");
            }
            Thread.sleep(5);
        }
    }

    private static double published(SimpleMeterRegistry meters) {
        return meters.find(MetricNames.OUTBOX_PUBLISHED).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    private static double percentile(Timer timer, double p) {
        for (ValueAtPercentile v : timer.takeSnapshot().percentileValues()) {
            if (v.percentile() == p) {
                return v.value(TimeUnit.MILLISECONDS);
            }
        }
        throw new IllegalStateException("no percentile " + p);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String list(double[] values, String format) {
        return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** Process CPU time over the window, as a percentage of one core. */
    private static double cpuPercent(int seconds) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long wall0 = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        return 100.0 * (os.getProcessCpuTime() - cpu0) / (System.nanoTime() - wall0);
    }
}
