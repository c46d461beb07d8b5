package org.mengkeju.gateway.edge;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mengkeju.gateway.FakeService;
import org.mengkeju.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused at the edge, whichever layer refuses them (Netty's decoder, URI parsing, the body limit): each
 * gets a problem body and the request id, and none reaches the service. Sent over a raw socket where the Java
 * client would refuse to send them.
 */
class EdgeRefusalsTest extends GatewayIntegrationTest {

    static final int ROUNDS_ON_ONE_CONNECTION = Integer.getInteger("test.keepAliveRounds", 100);

    record RawResponse(int status, Map<String, String> headers, String body) {

        JsonNode problem() {
            return json.readTree(body);
        }
    }

    @Test
    void answersA431ProblemToA10000CharacterHeader() {
        var response = raw("GET /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + PARTNER_KEY + "\r\nX-Note: " + "x".repeat(10_000) + "\r\n\r\n");

        assertProblem(response, 431, "headers-too-large");
    }

    @Test
    void answersA414ProblemToA5000CharacterPath() {
        String path = "/api/v1/catalog/" + "a".repeat(5_000);

        var response = raw("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + PARTNER_KEY
                + "\r\n\r\n");

        assertProblem(response, 414, "uri-too-long");
        assertThat(services.receivedOn(path)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/catalog/achievements/%ZZ", "/api/v1/catalog/achievements?cursor=%ZZ",
            "/api/v1/catalog/achievements/%G1"})
    void answersA400ProblemToATargetThatIsNotAUri(String target) {
        var response = raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + PARTNER_KEY
                + "\r\nX-Request-Id: edge-test-" + Math.abs(target.hashCode()) + "\r\n\r\n");

        assertProblem(response, 400, "malformed-uri");
    }

    @Test
    void keepsTheCallersRequestIdOnARefusal() {
        var response = raw("GET /api/v1/catalog/achievements/%ZZ HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Request-Id: partner-4711\r\n\r\n");

        assertThat(response.headers().get("x-request-id")).isEqualTo("partner-4711");
        assertThat(response.problem().path("requestId").asString()).isEqualTo("partner-4711");
        assertThat(response.problem().path("detail").asString()).contains("not a valid URI");
    }

    @Test
    void answersA400ProblemToAHostHeaderThatIsNotAHost() {
        var response = raw("GET /api/v1/catalog/achievements HTTP/1.1\r\nHost: local host:80\r\nX-Api-Key: "
                + PARTNER_KEY + "\r\n\r\n");

        assertProblem(response, 400, "malformed-host");
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Note: before\rafter", "X-Note: before\nafter", "X-Note\u0000: nul"})
    void answersA400ProblemToAHeaderWithARawControlCharacter(String header) {
        var response = raw("GET /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: "
                + PARTNER_KEY + "\r\n" + header + "\r\n\r\n");

        assertProblem(response, 400, null);
    }

    @Test
    void refusesADeclaredBodyOverTheLimitBeforeReadingIt() {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        // Declares a large body and sends none of it: the answer must not wait for it.
        var response = raw("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + PARTNER_KEY
                + "\r\nContent-Type: application/json\r\nContent-Length: 62914560\r\n\r\n");

        assertProblem(response, 413, "body-too-large");
        assertThat(response.problem().path("detail").asString()).contains("62914560").contains(
                String.valueOf(MAX_BODY_BYTES));
        assertThat(services.receivedOn(path)).isEmpty();
    }

    @Test
    void aBulkUploadMayCarryMoreThanTheOrdinaryLimitButNotMoreThanItsOwn() throws Exception {
        String upload = "/api/v1/catalog/sync/listings";
        String lines = ("{\"externalId\":\"ordos-1\",\"withdrawn\":true}\n").repeat(MAX_BODY_BYTES / 20);
        HttpRequest request = HttpRequest.newBuilder(gateway(upload)).header("X-Api-Key", PARTNER_KEY)
                .header("Content-Type", "application/x-ndjson").POST(HttpRequest.BodyPublishers.ofString(lines))
                .timeout(Duration.ofSeconds(20)).build();

        HttpResponse<String> forwarded = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(lines.length()).isGreaterThan(MAX_BODY_BYTES);
        assertThat(forwarded.statusCode()).as(forwarded.body()).isNotEqualTo(413);
        assertThat(services.receivedOn(upload)).anyMatch(received -> received.body().length() == lines.length());
        var tooLarge = raw("POST " + upload + " HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + PARTNER_KEY
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: " + (MAX_BULK_BODY_BYTES + 1)
                + "\r\n\r\n");
        assertProblem(tooLarge, 413, "body-too-large");
    }

    @Test
    void aBulkUploadMayTakeLongerToBeAnsweredThanTheOrdinaryResponseTimeout() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(gateway(FakeService.SLOW_BULK_PATH)).header("X-Api-Key", PARTNER_KEY)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"ordos-1\",\"withdrawn\":true}\n"))
                .timeout(Duration.ofSeconds(20)).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        // the ordinary response timeout in these tests is 1 s; the service answers after 2.5 s
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimit() throws Exception {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        byte[] chunk = ("\"" + "数".repeat(2_000) + "\",").getBytes(StandardCharsets.UTF_8);
        // No length declared: the client streams chunks until the gateway stops it.
        HttpRequest request = HttpRequest.newBuilder(gateway(path))
                .header("X-Api-Key", PARTNER_KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(subscriber -> subscriber.onSubscribe(
                        new Flow.Subscription() {
                            private long sent;

                            @Override
                            public void request(long n) {
                                for (long i = 0; i < n && sent < 200; i++, sent++) {
                                    subscriber.onNext(java.nio.ByteBuffer.wrap(chunk));
                                }
                                if (sent >= 200) {
                                    subscriber.onComplete();
                                }
                            }

                            @Override
                            public void cancel() {
                            }
                        })))
                .timeout(Duration.ofSeconds(20))
                .build();

        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        }

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("type").asString()).endsWith("/body-too-large");
        assertThat(body(response).path("requestId").asString()).isNotBlank();
        assertThat(services.receivedOn(path)).noneMatch(received -> received.body().length() > MAX_BODY_BYTES);
    }

    @Test
    void passesABodyUnderTheLimit() {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        String body = "{\"title\":\"" + "稀".repeat(10_000) + "\"}";

        var response = post(path, body, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(services.receivedOn(path)).singleElement()
                .satisfies(received -> assertThat(received.body()).isEqualTo(body));
    }

    /**
     * After a refusal of its own the gateway closes the connection: the refusal may come before the request's body
     * was read, and a call sent right behind it is not taken as part of that body.
     */
    @Test
    void closesTheConnectionAfterARefusalSoTheNextCallGoesOnAFreshOne() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String body = "{\"title\":\"稀土永磁\"}";
            // The refused call, and a second one sent right behind it on the same connection.
            out.write(("POST /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\nContent-Type: "
                    + "application/json\r\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length
                    + "\r\n\r\n" + body + "GET /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\n"
                    + "X-Api-Key: " + PARTNER_KEY + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);

            assertThat(head).startsWith("HTTP/1.1 401");
            assertThat(head.toLowerCase(Locale.ROOT)).contains("\r\nconnection: close");
            int length = contentLength(head);
            assertThat(in.readNBytes(length)).hasSize(length);
            assertThat(in.read()).as("the connection ends after the refusal").isEqualTo(-1);
        }
    }

    /**
     * A kept-alive connection keeps being read after the gateway answers at once a request that arrived while the
     * one before it was still finishing: reactor-netty before 1.3.8 stopped reading the connection there
     * (reactor/reactor-netty#4361), and a partner's next call on it hung until the partner's own timeout. A service's
     * API document (answered from another connection's thread) followed at once by the index (answered on the spot)
     * is the sequence that hung in this suite.
     */
    @Test
    void keepsReadingAKeptAliveConnectionAfterARequestThatArrivedWhileTheOneBeforeWasFinishing() throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int round = 0; round < ROUNDS_ON_ONE_CONNECTION; round++) {
                for (String path : List.of("/api-docs/catalog", "/api-docs")) {
                    out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    String head = readHead(in);
                    assertThat(head).as("round %d, %s", round, path).startsWith("HTTP/1.1 200");
                    in.readNBytes(contentLength(head));
                }
            }
        }
    }

    private static int contentLength(String head) {
        return Integer.parseInt(head.toLowerCase(Locale.ROOT).replaceAll("(?s).*content-length: (\\d+).*", "$1"));
    }

    private static void assertProblem(RawResponse response, int status, String slug) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().get("content-type")).startsWith("application/problem+json");
        assertThat(response.headers().get("x-request-id")).isNotBlank();
        JsonNode problem = response.problem();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("requestId").asString()).isEqualTo(response.headers().get("x-request-id"));
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (slug != null) {
            assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + slug);
        }
    }

    /** Sends bytes as they are and reads one response, headers lower-cased. */
    private RawResponse raw(String request) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            String[] lines = head.split("\r\n");
            int status = Integer.parseInt(lines[0].split(" ")[1]);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
            int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            return new RawResponse(status, headers, body);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int b;
        while ((b = in.read()) != -1) {
            head.append((char) b);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.substring(0, head.length() - 4);
            }
        }
        throw new IOException("connection closed before a response head: " + head);
    }
}
