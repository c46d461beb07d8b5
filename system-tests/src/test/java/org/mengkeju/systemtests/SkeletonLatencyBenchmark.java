package org.mengkeju.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.launcher.LocalPlatform;

/**
 * How long a published achievement takes to show as points on its owner's account, end to end through the real
 * processes: catalog write with its outbox event, relay to Kafka, points consumer, ledger insert, balance read
 * through the gateway. Not part of the test suite (the class name is not a {@code *SystemTest}); run it with the
 * command in benchmarks/README.md. Writes benchmarks/results/skeleton-latency.md.
 */
class SkeletonLatencyBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int WARM_UP = Integer.getInteger("benchmark.warmup", 5);
    static final int SAMPLES = Integer.getInteger("benchmark.samples", 40);

    @TempDir
    Path data;

    @Test
    void publishToBalanceLatency() throws Exception {
        Path root = RepositoryRoot.find();
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data)
                .ephemeralPorts().build()) {
            platform.start();
            String key = platform.apiKey("dev-partner");
            String operator = platform.apiKey("dev-operator");
            String gateway = platform.gatewayUrl();
            for (int i = 0; i < WARM_UP; i++) {
                sample(gateway, key, operator);
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                millis.add(sample(gateway, key, operator));
            }
            Collections.sort(millis);
            String report = """
                    # Publish-to-balance latency of the walking skeleton

                    Measured %s on %d cores (%s), %d samples after %d warm-up runs, one request at a time.
                    From the operator's publish call's response to the owner's balance showing the award, read through the
                    gateway every 5 ms; every service is its own JVM, with the local run's JVM options.

                    | median | p90 | min | max |
                    |---|---|---|---|
                    | %.0f ms | %.0f ms | %.0f ms | %.0f ms |

                    Platform start to healthy in this run: %.1f s.
                    """.formatted(Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), SAMPLES, WARM_UP, percentile(millis, 0.5),
                    percentile(millis, 0.9), millis.getFirst(), millis.getLast(),
                    platform.startupDuration().toMillis() / 1000.0);
            Path results = root.resolve("benchmarks/results/skeleton-latency.md");
            Files.createDirectories(results.getParent());
            Files.writeString(results, report);
            System.out.println(report);
        }
    }

    private static double sample(String gateway, String key, String operator) throws Exception {
        long before = balance(gateway, key);
        var created = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/catalog/achievements"))
                .header("X-Api-Key", key).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title":"PBAT 可降解地膜","industryChain":"NEW_MATERIALS","maturity":"INDUSTRIALISED",
                         "transferModes":["LICENCE"]}""")));
        String id = JSON.readTree(created.body()).path("id").asText();
        send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/catalog/achievements/" + id + "/steps"))
                .header("X-Api-Key", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"SUBMIT\"}")));
        send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/catalog/achievements/" + id + "/publish"))
                .header("X-Api-Key", operator).POST(HttpRequest.BodyPublishers.noBody()));
        long published = System.nanoTime();
        long deadline = published + TimeUnit.SECONDS.toNanos(30);
        while (balance(gateway, key) == before) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no points for " + id + " within 30 s");
            }
            TimeUnit.MILLISECONDS.sleep(5); // the polling step of the measurement itself
        }
        return (System.nanoTime() - published) / 1_000_000.0;
    }

    private static long balance(String gateway, String key) throws Exception {
        var response = send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/points/accounts/imut"))
                .header("X-Api-Key", key).GET());
        return JSON.readTree(response.body()).path("balance").asLong();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 400) {
            throw new AssertionError(response.statusCode() + " " + response.body());
        }
        return response;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }
}
