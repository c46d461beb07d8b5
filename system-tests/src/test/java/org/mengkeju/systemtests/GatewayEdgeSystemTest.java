package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.launcher.LocalPlatform;

/**
 * The public edge with the real services behind it: load on one key does not take the catalog offline, a huge
 * body is refused before it reaches a service, requests refused at any layer get a problem body with the request
 * id, and the gateway's readiness names a service that is down (the shared platform starts it again for the next
 * class).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(Integer.MAX_VALUE) // last of the classes on the shared platform, so none waits for finance to start again
@ExtendWith(SharedPlatform.class)
class GatewayEdgeSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    record RawResponse(int status, Map<String, String> headers, String body) {

        JsonNode problem() throws IOException {
            return JSON.readTree(body);
        }
    }

    static LocalPlatform platform;
    static String partnerKey;
    static String achievementPath;

    @BeforeAll
    static void theWholeSystem(LocalPlatform shared) throws Exception {
        platform = shared;
        partnerKey = platform.apiKey("dev-partner");
        achievementPath = PartnerCalls.createAchievement(platform.gatewayUrl(), partnerKey,
                "稀土永磁电机控制技术");
    }

    @Test
    @Order(1)
    void answersEveryReadAt256ConnectionsWithOneKey() {
        // Three rounds: the breaker's window is 20 calls, so a bulkhead's rejections would have opened it.
        for (int round = 0; round < 3; round++) {
            List<HttpResponse<String>> responses = concurrentReads(256);

            assertThat(responses).extracting(HttpResponse::statusCode).as("round %d", round).containsOnly(200);
        }
    }

    @Test
    @Order(2)
    void shedsABurstBeyondCapacityPerRequestWithoutPausingTheService() throws Exception {
        List<HttpResponse<String>> responses = concurrentReads(768);

        // Whatever does not fit in time is a 503 for that request, telling it when to retry; nothing else.
        for (HttpResponse<String> response : responses) {
            if (response.statusCode() != 200) {
                assertThat(response.statusCode()).isEqualTo(503);
                assertThat(JSON.readTree(response.body()).path("type").asText()).endsWith("/gateway-busy");
                assertThat(response.headers().firstValue("Retry-After")).isPresent();
            }
        }
        // The breaker stayed closed: the next read is served at once.
        var next = HTTP.send(HttpRequest.newBuilder(gateway(achievementPath)).header("X-Api-Key", partnerKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(next.statusCode()).isEqualTo(200);
    }

    private static List<HttpResponse<String>> concurrentReads(int connections) {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            for (int i = 0; i < connections; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(gateway(achievementPath))
                                .header("X-Api-Key", partnerKey).timeout(Duration.ofSeconds(120)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            return responses.stream().map(CompletableFuture::join).toList();
        }
    }

    @Test
    @Order(3)
    void refusesA60MegabyteBodyWith413BeforeItReachesTheCatalog() throws Exception {
        var response = raw("POST /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + partnerKey + "\r\nIdempotency-Key: " + UUID.randomUUID() + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 62914560\r\n\r\n{\"title\":\"");

        assertProblem(response, 413);
        assertThat(response.problem().path("type").asText()).endsWith("/body-too-large");
        var read = HTTP.send(HttpRequest.newBuilder(gateway(achievementPath)).header("X-Api-Key", partnerKey).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void answersRequestsRefusedBeforeRoutingWithAProblemAndTheRequestId() throws Exception {
        String auth = "Host: localhost\r\nX-Api-Key: " + partnerKey + "\r\n";
        assertProblem(raw("GET /api/v1/catalog/achievements/%ZZ HTTP/1.1\r\n" + auth + "\r\n"), 400);
        assertProblem(raw("GET /api/v1/catalog/achievements?cursor=%ZZ HTTP/1.1\r\n" + auth + "\r\n"), 400);
        assertProblem(raw("GET /api/v1/catalog/" + "a".repeat(5_000) + " HTTP/1.1\r\n" + auth + "\r\n"), 414);
        assertProblem(raw("GET " + achievementPath + " HTTP/1.1\r\n" + auth + "X-Note: " + "x".repeat(10_000)
                + "\r\n\r\n"), 431);
        assertProblem(raw("GET " + achievementPath + " HTTP/1.1\r\n" + auth + "X-Note: a\rb\r\n\r\n"), 400);
        assertProblem(raw("GET " + achievementPath + " HTTP/1.1\r\n" + auth + "X-Note: a\nb\r\n\r\n"), 400);
    }

    @Test
    @Order(5)
    void answersAnUnknownPathUnderAServiceWithA404Problem() throws Exception {
        var response = HTTP.send(HttpRequest.newBuilder(gateway("/api/v1/catalog/no-such-thing"))
                .header("X-Api-Key", partnerKey).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
    }

    @Test
    @Order(6)
    void readinessNamesAServiceThatIsDownWhileTheGatewayStaysReady() {
        platform.stopService("finance-service");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var response = HTTP.send(HttpRequest.newBuilder(gateway("/actuator/health/readiness")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode health = JSON.readTree(response.body());
            assertThat(health.path("status").asText()).isEqualTo("UP");
            JsonNode downstream = health.path("components").path("downstream");
            assertThat(downstream.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(downstream.path("details").path("down").toString()).isEqualTo("[\"finance-service\"]");
        });
    }

    private static void assertProblem(RawResponse response, int status) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        String requestId = response.headers().get("x-request-id");
        assertThat(requestId).isNotBlank();
        JsonNode problem = response.problem();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("requestId").asText()).isEqualTo(requestId);
        assertThat(problem.path("detail").asText()).isNotBlank();
    }

    private static URI gateway(String path) {
        return URI.create(platform.gatewayUrl() + path);
    }

    /** Sends bytes as they are (the Java client refuses to send most of these) and reads one response. */
    private static RawResponse raw(String request) throws IOException {
        URI gateway = URI.create(platform.gatewayUrl());
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            int b;
            while (!head.toString().endsWith("\r\n\r\n")) {
                if ((b = in.read()) == -1) {
                    throw new IOException("connection closed before a response head: " + head);
                }
                head.append((char) b);
            }
            String[] lines = head.toString().strip().split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    new String(in.readNBytes(length), StandardCharsets.UTF_8));
        }
    }
}
