package org.mengkeju.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.launcher.LocalPlatform;

/**
 * Sub-center sync at the scale of a league-city's catalogue, through the gateway with every service as its own
 * process (as {@code bin/run}): after a warm-up upload of 2,000 listings, one upload of 10,000 listings, the time until
 * all their events are on Kafka, the pull of them back through the change feed from where the sub-center's last pull
 * ended; then the catalog service's CPU while idle with 100,000 listings stored.
 * Not a test: {@code bin/bench-catalog-sync} runs it and writes {@code benchmarks/results/catalog-sync.{md,json}}.
 */
class CatalogSyncBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final int ITEMS = Integer.getInteger("benchmark.items", 10_000);
    static final int STORED = Integer.getInteger("benchmark.stored", 100_000);
    static final int WARMUP_ITEMS = Integer.getInteger("benchmark.warmupItems", 2_000);
    static final Duration IDLE_WINDOW = Duration.ofSeconds(Integer.getInteger("benchmark.idleSeconds", 20));

    @TempDir
    Path data;

    @Test
    void uploadPublishPullAndIdle() throws Exception {
        Path root = RepositoryRoot.find();
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data)
                .ephemeralPorts().build()) {
            platform.start();
            String gateway = platform.gatewayUrl();
            String subCenter = platform.apiKey("dev-subcenter-ordos");
            String run = UUID.randomUUID().toString().substring(0, 8);

            try (var events = new KafkaConsumer<String, String>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "catalog-sync-benchmark-" + run,
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
                events.subscribe(List.of(Topics.CATALOG_ACHIEVEMENTS));
                while (events.assignment().isEmpty()) {
                    events.poll(Duration.ofMillis(100));
                }
                // "latest" is resolved lazily: fix the position now, or events of the upload would be skipped
                events.assignment().forEach(events::position);

                // Warm-up, outside the measurement: a smaller upload, its events and a pull, so that the measured
                // upload meets running services (compiled code, open connections) as a sub-center's daily sync would,
                // not ones that just started. The measured pull then starts from the cursor this one reached.
                String cursor = null;
                if (WARMUP_ITEMS > 0) {
                    Set<String> warm = accepted(upload(gateway, subCenter, batch(run + "-warm", 0, WARMUP_ITEMS)),
                            WARMUP_ITEMS);
                    awaitOnKafka(events, warm, Duration.ofMinutes(5));
                    cursor = pull(gateway, subCenter, null).cursor();
                    awaitOutboxDrained(platform);
                }

                long start = System.nanoTime();
                Set<String> ids = accepted(upload(gateway, subCenter, batch(run, 0, ITEMS)), ITEMS);
                double pushSeconds = seconds(start);
                int seen = awaitOnKafka(events, ids, Duration.ofMinutes(5));
                double onKafkaSeconds = seconds(start);
                if (seen < ids.size()) {
                    throw new AssertionError("only " + seen + " of " + ids.size() + " events on Kafka");
                }

                long pullStart = System.nanoTime();
                Set<String> pulled = pull(gateway, subCenter, cursor).listings();
                double pullSeconds = seconds(pullStart);
                if (!pulled.containsAll(ids)) {
                    throw new AssertionError("the feed lacked " + (ids.size() - pulled.stream().filter(ids::contains)
                            .count()) + " of the uploaded listings");
                }

                // Fill the catalog up to STORED listings, batch by batch; a batch that is not answered in time ends
                // the fill, and the results say how far it came.
                List<String> batches = new java.util.ArrayList<>();
                int stored = WARMUP_ITEMS + ITEMS;
                String stopped = null;
                for (int from = ITEMS; stored < STORED; from += ITEMS) {
                    long batchStart = System.nanoTime();
                    try {
                        upload(gateway, subCenter, batch(run, from, Math.min(ITEMS, STORED - stored)));
                    } catch (java.net.http.HttpTimeoutException | AssertionError e) {
                        stopped = "upload of listings " + from + " to " + (from + ITEMS) + " failed after "
                                + Math.round(seconds(batchStart)) + " s: " + e.getMessage();
                        break;
                    }
                    stored += Math.min(ITEMS, STORED - stored);
                    batches.add("%d: %.1f s".formatted(stored, seconds(batchStart)));
                }
                Double idleCpuPercent = null;
                if (stopped == null) {
                    awaitOutboxDrained(platform);
                    long catalogPid = platform.status("catalog-service").pid();
                    Duration before = cpu(catalogPid);
                    Thread.sleep(IDLE_WINDOW.toMillis()); // the measurement window itself: nothing to wait for
                    Duration used = cpu(catalogPid).minus(before);
                    idleCpuPercent = 100.0 * used.toNanos() / IDLE_WINDOW.toNanos();
                }
                write(root, pushSeconds, onKafkaSeconds, pullSeconds, stored, idleCpuPercent, batches, stopped);
            }
        }
    }

    private static String batch(String run, int from, int count) {
        StringBuilder ndjson = new StringBuilder(count * 400);
        String[] chains = {"RARE_EARTHS", "COAL_CHEMICALS", "NEW_MATERIALS", "HYDROGEN", "MODERN_AGRICULTURE"};
        for (int i = from; i < from + count; i++) {
            ndjson.append("{\"externalId\":\"bench-").append(run).append('-').append(i)
                    .append("\",\"ownerInstitutionId\":\"imut\",\"listing\":{\"title\":\"鄂尔多斯成果 ").append(i)
                    .append(" 煤基新材料中试\",\"summary\":\"Listing ").append(i)
                    .append(" of the Ordos sub-center's catalogue.\",\"industryChain\":\"")
                    .append(chains[i % chains.length]).append("\",\"keywords\":[\"鄂尔多斯\",\"中试\"],")
                    .append("\"maturity\":\"PILOT\",\"transferModes\":[\"LICENCE\"],\"askingPriceYuan\":")
                    .append(100_000 + i).append("}}\n");
        }
        return ndjson.toString();
    }

    private static JsonNode upload(String gateway, String key, String ndjson) throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/catalog/sync/listings"))
                .header("X-Api-Key", key).header("Content-Type", "application/x-ndjson")
                .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new AssertionError("upload: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    /** The listings an upload accepted; all {@code count} items, or the run is void. */
    private static Set<String> accepted(JsonNode report, int count) {
        if (report.path("accepted").asInt() != count) {
            throw new AssertionError("not every item was accepted: " + report.path("refused"));
        }
        Set<String> ids = new HashSet<>();
        report.path("outcomes").forEach(o -> ids.add(o.path("achievementId").asText()));
        return ids;
    }

    /** Reads the catalog topic until every one of {@code ids} has had its AchievementChanged; returns how many had. */
    private static int awaitOnKafka(KafkaConsumer<String, String> events, Set<String> ids, Duration atMost) {
        Set<String> seen = new HashSet<>();
        long deadline = System.nanoTime() + atMost.toNanos();
        while (seen.size() < ids.size() && System.nanoTime() < deadline) {
            for (var record : events.poll(Duration.ofMillis(200))) {
                var type = record.headers().lastHeader("ce_type");
                if (ids.contains(record.key()) && type != null && AchievementChanged.CONTRACT.type()
                        .equals(new String(type.value(), StandardCharsets.UTF_8))) {
                    seen.add(record.key());
                }
            }
        }
        return seen.size();
    }

    /** What a pull saw and where it ended. */
    private record Pulled(Set<String> listings, String cursor) {
    }

    /** Follows the change feed from {@code cursor} (null: the start) until it says there is no more. */
    private static Pulled pull(String gateway, String key, String cursor) throws Exception {
        Set<String> seen = new HashSet<>();
        JsonNode page;
        do {
            var response = HTTP.send(HttpRequest.newBuilder(URI.create(gateway
                            + "/api/v1/catalog/sync/changes?limit=1000" + (cursor == null ? "" : "&after=" + cursor)))
                    .header("X-Api-Key", key).timeout(Duration.ofMinutes(1)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("pull: " + response.statusCode() + " " + response.body());
            }
            page = JSON.readTree(response.body());
            page.path("changes").forEach(c -> seen.add(c.path("achievementId").asText()));
            cursor = page.path("next").asText();
        } while (page.path("more").asBoolean());
        return new Pulled(seen, cursor);
    }

    private static void awaitOutboxDrained(LocalPlatform platform) {
        org.awaitility.Awaitility.await("the catalog's outbox drained").atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(
                                platform.serviceUrl("catalog-service") + "/actuator/prometheus")).GET().build(),
                        HttpResponse.BodyHandlers.ofString()).body().lines()
                        .filter(l -> l.startsWith("mengkeju_outbox_pending{"))
                        .allMatch(l -> l.trim().endsWith(" 0.0")));
    }

    private static Duration cpu(long pid) {
        return ProcessHandle.of(pid).orElseThrow().info().totalCpuDuration().orElseThrow();
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static void write(Path root, double push, double onKafka, double pull, int stored, Double idleCpu,
            List<String> batches, String stopped) throws Exception {
        Path results = root.resolve("benchmarks/results");
        Files.createDirectories(results);
        String when = Instant.now().toString();
        Files.writeString(results.resolve("catalog-sync.json"), """
                {
                  "measured_at": "%s",
                  "cores": %d,
                  "warmup_items": %d,
                  "items": %d,
                  "push_seconds": %.2f,
                  "events_on_kafka_seconds": %.2f,
                  "pull_seconds": %.2f,
                  "stored_listings": %d,
                  "idle_cpu_percent": %s,
                  "fill_stopped": %s
                }
                """.formatted(when, Runtime.getRuntime().availableProcessors(), WARMUP_ITEMS, ITEMS, push, onKafka,
                pull, stored, idleCpu == null ? "null" : "%.2f".formatted(idleCpu),
                stopped == null ? "null" : JSON.writeValueAsString(stopped)));
        Files.writeString(results.resolve("catalog-sync.md"), """
                # Sub-center sync: upload, events on Kafka, pull, idle CPU

                Command: `bin/bench-catalog-sync` (see `benchmarks/README.md`). Measured %s on %d cores, every
                service its own process as in `bin/run`, through the gateway, one run, after a warm-up upload of %d
                listings with its events and a pull (the measured pull starts where that one ended).

                | measure | result | target |
                |---|---|---|
                | items in one upload (NDJSON) | %d | |
                | upload answered | %.2f s | < 10 s |
                | all their AchievementChanged events on Kafka, from the upload's start | %.2f s | < 15 s |
                | pull of the upload's changes back through the feed (pages of 1,000) | %.2f s | < 3 s |
                | listings stored for the idle measure | %d of %d | 100,000 |
                | catalog-service CPU while idle, %d s window | %s | < 5 %% of one core |

                Further uploads of %d listings, with the listings stored after each and its time: %s.
                %s
                """.formatted(when, Runtime.getRuntime().availableProcessors(), WARMUP_ITEMS, ITEMS, push, onKafka,
                pull, stored, STORED, IDLE_WINDOW.toSeconds(),
                idleCpu == null ? "not measured" : "%.2f %% of one core".formatted(idleCpu),
                ITEMS, batches.isEmpty() ? "none" : String.join(", ", batches),
                stopped == null ? "" : "The fill stopped: " + stopped + "."));
        System.out.println(Files.readString(results.resolve("catalog-sync.md")));
    }
}
