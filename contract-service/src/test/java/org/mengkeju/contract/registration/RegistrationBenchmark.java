package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.Topics;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;

/**
 * The registration desk alone, in one JVM on the real broker and store (not through the gateway, no points-service):
 * {@code contracts} contracts keyed in and registered at one registration point by {@code clients} concurrent
 * reviewers, all registrations on one serial counter (the worst case). Measures registrations per second, the time
 * of a REGISTER call, and the time from registration to ContractRegistered arriving on Kafka; checks that the serials
 * issued are exactly 1..n. Run by {@code bin/bench-contract-desk}; not a {@code *Test}, so the test phase skips it.
 */
@ServiceIntegrationTest
class RegistrationBenchmark {

    static final int CONTRACTS = Integer.getInteger("benchmark.contracts", 2000);
    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    /** Alxa's point: no test registers there, so its counter starts at zero in a fresh store. */
    static final String POINT = "tcr-152900-01";
    static final String CONTRACT = ContractSamples.SOLID_WASTE_DEVELOPMENT
            .replace("4999999.99", "6000000.00")
            .replace("\"ordos-coal-tech\"", "\"alxa-coal-tech\"")
            .replace("\"regionCode\":\"150602\"", "\"regionCode\":\"152921\"")
            .replaceAll(",\\s*\"achievementIds\":\\[[^\\]]*\\]", "");

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;

    @Test
    void registrationsPerSecondAndRegisteredToEventLatency() throws Exception {
        assertThat(CONTRACT).contains("152921").doesNotContain("achievementIds");
        TestHttp http = TestHttp.localPort(port);
        String desk = ContractSamples.desk(POINT);
        String run = UUID.randomUUID().toString().substring(0, 8);

        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        inParallel(CONTRACTS, i -> {
            var submitted = http.post(ContractSamples.CONTRACTS, CONTRACT.replace("委托开发合同",
                    "委托开发合同（" + run + "-" + i + "）"), IdentityToken.HEADER, desk, "Idempotency-Key",
                    "bench-" + run + "-" + i);
            assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
            ids.add(json(submitted).path("id").asString());
            return 0L;
        });

        Map<String, Instant> registeredAt = new ConcurrentHashMap<>();
        List<String> numbers = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Long> callMillis = inParallel(CONTRACTS, i -> {
            long t0 = System.nanoTime();
            var registered = http.post(ContractSamples.CONTRACTS + "/" + ids.get(i) + "/decisions",
                    "{\"decision\":\"REGISTER\"}", IdentityToken.HEADER, desk);
            long took = (System.nanoTime() - t0) / 1_000_000;
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            registeredAt.put(ids.get(i), Instant.parse(json(registered).path("registeredAt").asString()));
            numbers.add(json(registered).path("registrationNumber").asString());
            return took;
        });
        double seconds = (System.nanoTime() - started) / 1e9;
        double perSecond = CONTRACTS / seconds;

        List<Long> serials = numbers.stream().map(n -> Long.parseLong(n.substring(10))).sorted().toList();
        assertThat(serials).hasSize(CONTRACTS).first().isEqualTo(1L);
        assertThat(serials.getLast()).as("gap-free and unique").isEqualTo((long) CONTRACTS);
        assertThat(serials.stream().distinct().count()).isEqualTo(CONTRACTS);

        List<Long> eventMillis = eventLatencies(registeredAt);
        String json = String.format(Locale.ROOT, """
                {"contracts": %d, "clients": %d, "registrations_per_second": %.1f, \
                "register_call_p50_ms": %d, "register_call_p99_ms": %d, \
                "registered_to_event_p50_ms": %d, "registered_to_event_p99_ms": %d}
                """, CONTRACTS, CLIENTS, perSecond, percentile(callMillis, 50), percentile(callMillis, 99),
                percentile(eventMillis, 50), percentile(eventMillis, 99));
        String table = String.format(Locale.ROOT, """
                # Registration desk, in one JVM

                `bin/bench-contract-desk`: %d contracts keyed in and registered at one registration point (one serial
                counter) by %d concurrent reviewers, directly against contract-service on the real broker and the
                MongoDB-wire store, no gateway, no points-service. Serials issued: exactly 1..%d.

                | what | result |
                |---|---|
                | registrations per second | %.1f |
                | REGISTER call, p50 / p99 | %d ms / %d ms |
                | registered → ContractRegistered on Kafka, p50 / p99 | %d ms / %d ms |
                """, CONTRACTS, CLIENTS, CONTRACTS, perSecond, percentile(callMillis, 50),
                percentile(callMillis, 99), percentile(eventMillis, 50), percentile(eventMillis, 99));
        Path results = Path.of(System.getProperty("benchmark.results", "../benchmarks/results"));
        Files.createDirectories(results);
        Files.writeString(results.resolve("contract-desk.json"), json);
        Files.writeString(results.resolve("contract-desk.md"), table);
        System.out.println(table);
    }

    private List<Long> eventLatencies(Map<String, Instant> registeredAt) {
        Map<String, Long> latency = new HashMap<>();
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(Topics.CONTRACT_CONTRACTS));
            long end = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (latency.size() < registeredAt.size() && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    Instant registered = registeredAt.get(r.key());
                    if (registered != null && ContractRegistered.CONTRACT.type()
                            .equals(TopicReader.header(r, CloudEventHeaders.TYPE))) {
                        // The broker's append time of the record: when a consumer could first have read it.
                        latency.putIfAbsent(r.key(), r.timestamp() - registered.toEpochMilli());
                        assertThat(EventJson.read(r.value(), ContractRegistered.class).registeredAt())
                                .isEqualTo(registered);
                    }
                });
            }
        }
        assertThat(latency).hasSameSizeAs(registeredAt);
        return new ArrayList<>(latency.values());
    }

    interface Step {
        long run(int i) throws Exception;
    }

    private static List<Long> inParallel(int count, Step step) throws Exception {
        List<Future<Long>> futures = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<Long>) () -> step.run(index)));
            }
            List<Long> values = new ArrayList<>();
            for (Future<Long> future : futures) {
                values.add(future.get());
            }
            return values;
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
