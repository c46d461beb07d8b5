package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.launcher.LocalPlatform;

/**
 * The walking skeleton, end to end with real parts: every service as its own process, a real Kafka broker and the
 * MongoDB-wire store, driven over HTTP through the gateway the way a partner system drives it.
 */
@ExtendWith(SharedPlatform.class)
class WalkingSkeletonSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String POINTS_AWARD_GROUP = "points-achievement-awards";

    static LocalPlatform platform;
    static String partnerKey;
    static String operatorKey;

    @BeforeAll
    static void theWholeSystem(LocalPlatform shared) {
        platform = shared;
        partnerKey = platform.apiKey("dev-partner");
        operatorKey = platform.apiKey("dev-operator");
    }

    @Test
    void aPublishedAchievementEarnsItsOwnerPointsOnceEvenWhenTheEventIsDeliveredTwice() throws Exception {
        var created = post("/api/v1/catalog/achievements", """
                {"title":"煤基固废低碳利用技术","industryChain":"COAL_CHEMICALS","maturity":"INDUSTRIALISED",
                 "transferModes":["ASSIGNMENT"],"askingPriceYuan":10000000}""", partnerKey, UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String achievementId = JSON.readTree(created.body()).path("id").asText();
        long before = balance("imut");

        submit(achievementId);
        var published = post("/api/v1/catalog/achievements/" + achievementId + "/publish", "", operatorKey, null,
                "X-Request-Id", "req-skeleton-coal-0001");
        long publishedAt = System.nanoTime();
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> balance("imut") == before + 50);
        long latencyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - publishedAt);
        Files.writeString(Path.of("target", "skeleton-latency.txt"),
                "publish-to-balance latency ms: " + latencyMillis + System.lineSeparator());

        ConsumerRecord<String, String> event = readEventOf(achievementId);
        assertThat(EventSchemas.violations(AchievementPublished.CONTRACT, event.value())).isEmpty();
        assertThat(new String(event.headers().lastHeader("ce_requestid").value(), StandardCharsets.UTF_8))
                .isEqualTo("req-skeleton-coal-0001");
        assertThat(Files.readString(platform.logFile("points-service")))
                .containsPattern("\\[req-skeleton-coal-0001\\].*credited to imut .*" + achievementId);

        // Deliver the very same event again (same CloudEvents id), as a broker redelivery or a replay would.
        RecordMetadata redelivered = redeliver(event);
        awaitConsumedPast(redelivered);

        assertThat(balance("imut")).isEqualTo(before + 50);
        JsonNode transfers = JSON.readTree(get("/api/v1/points/accounts/imut/transfers", partnerKey).body());
        assertThat(transfers.findValuesAsText("sourceSubject")).containsOnlyOnce(achievementId);
    }

    @Test
    void aConsumerKilledAndRestartedByTheLauncherEarnsThePointsOwedFromItsDowntimeWithinSeconds() throws Exception {
        var points = platform.status("points-service");
        long before = balance("imut");
        ProcessHandle.of(points.pid()).orElseThrow().destroyForcibly(); // kill -9: it never leaves its group

        var created = post("/api/v1/catalog/achievements", """
                {"title":"蒙古族传统医药数字化","industryChain":"BIOMEDICINE","maturity":"PILOT",
                 "transferModes":["LICENCE"],"askingPriceYuan":300000}""", partnerKey, UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String achievementId = JSON.readTree(created.body()).path("id").asText();
        submit(achievementId);
        var published = post("/api/v1/catalog/achievements/" + achievementId + "/publish", "", operatorKey, null);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        ConsumerRecord<String, String> owed = readEventOf(achievementId);

        // The launcher restarts it and calls it ready once its consumer group has its partitions again.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
            var now = platform.status("points-service");
            return now.restarts() == points.restarts() + 1 && "ready".equals(now.state());
        });
        long ready = System.nanoTime();
        awaitConsumedPast(new TopicPartition(owed.topic(), owed.partition()), owed.offset());

        // Loose: waiting out the dead member's session would take tens of seconds.
        assertThat(Duration.ofNanos(System.nanoTime() - ready)).isLessThan(Duration.ofSeconds(10));
        // through the gateway, whose view of the restarted service may lag a little
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> balance("imut") == before + 50);
    }

    @Test
    void theGatewayRefusesCallsWithoutAKeyAndBadInputIsA400ProblemNotA500() throws Exception {
        var noKey = get("/api/v1/points/accounts/imut", null);
        assertThat(noKey.statusCode()).isEqualTo(401);
        assertThat(noKey.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");

        var malformed = post("/api/v1/catalog/achievements", "{\"title\": ", partnerKey, UUID.randomUUID().toString());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(malformed.body()).path("type").asText())
                .isEqualTo("https://mengkeju.org/problems/malformed-body");

        var wrongType = post("/api/v1/catalog/achievements", """
                {"title":"巴麦13号","industryChain":"SEEDS","maturity":"INDUSTRIALISED",
                 "transferModes":"LICENCE and more","askingPriceYuan":[1366.92]}""", partnerKey,
                UUID.randomUUID().toString());
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(wrongType.body()).path("detail").asText()).containsAnyOf("transferModes",
                "askingPriceYuan");
        assertThat(wrongType.headers().firstValue("X-Request-Id")).isPresent();
    }

    private static long balance(String account) throws Exception {
        var response = get("/api/v1/points/accounts/" + account, partnerKey);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("balance").asLong();
    }

    private static ConsumerRecord<String, String> readEventOf(String achievementId) {
        try (var consumer = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "system-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            consumer.subscribe(List.of(Topics.CATALOG_ACHIEVEMENTS));
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < end) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (achievementId.equals(record.key()) && AchievementPublished.CONTRACT.type().equals(
                            new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no event for " + achievementId + " on " + Topics.CATALOG_ACHIEVEMENTS);
    }

    private static RecordMetadata redeliver(ConsumerRecord<String, String> event) throws Exception {
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            var copy = new ProducerRecord<>(event.topic(), event.partition(), event.key(), event.value(),
                    event.headers());
            return producer.send(copy).get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits until the points service's consumer group has committed past the redelivered record. */
    private static void awaitConsumedPast(RecordMetadata record) {
        awaitConsumedPast(new TopicPartition(record.topic(), record.partition()), record.offset());
    }

    private static void awaitConsumedPast(TopicPartition partition, long offset) {
        try (var admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
                var offsets = admin.listConsumerGroupOffsets(POINTS_AWARD_GROUP).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                var committed = offsets.get(partition);
                return committed != null && committed.offset() > offset;
            });
        }
    }

    /** The owner's office sends its draft for review; an operator then publishes it. */
    private static void submit(String achievementId) throws Exception {
        var submitted = post("/api/v1/catalog/achievements/" + achievementId + "/steps", "{\"action\":\"SUBMIT\"}",
                partnerKey, null);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);
    }

    private static HttpResponse<String> get(String path, String apiKey) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).GET();
        if (apiKey != null) {
            request.header("X-Api-Key", apiKey);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body, String apiKey, String idempotencyKey,
            String... headers) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("Content-Type", "application/json")
                .header("X-Api-Key", apiKey)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
