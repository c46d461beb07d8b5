package org.mengkeju.catalog.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;

import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;

/** Listings in the states the inquiry and session tests need, reached through the API the way partners reach them. */
public final class Listings {

    static final String ACHIEVEMENTS = "/api/v1/catalog/achievements";

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final TestHttp http;
    private final int port;

    public Listings(int port) {
        this.http = TestHttp.localPort(port);
        this.port = port;
    }

    /** An institution id no other test uses, so that its lists hold only what this test put there. */
    public static String freshInstitution(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    /** A draft listed by the transfer office of {@code owner}. */
    public String draft(String owner, String title) {
        String body = """
                {"title":"%s","summary":"Efficient control for rare-earth permanent-magnet motors.",
                 "industryChain":"RARE_EARTHS","maturity":"PILOT","transferModes":["LICENCE"],
                 "askingPriceYuan":2600000}""".formatted(title);
        var created = http.post(ACHIEVEMENTS, body, IdentityToken.HEADER, TestIdentities.partner(owner),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asString();
    }

    /** Submitted by its owner's office and published by an operator. */
    public String published(String owner, String title) {
        String id = draft(owner, title);
        assertThat(step(id, "SUBMIT", null, TestIdentities.partner(owner)).statusCode()).isEqualTo(200);
        var published = http.post(ACHIEVEMENTS + "/" + id + "/publish", null, IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        return id;
    }

    public HttpResponse<String> step(String id, String action, String note, String token) {
        String body = note == null ? "{\"action\":\"" + action + "\"}"
                : "{\"action\":\"" + action + "\",\"note\":\"" + note + "\"}";
        var response = http.post(ACHIEVEMENTS + "/" + id + "/steps", body, IdentityToken.HEADER, token);
        return response;
    }

    /** The step taken, or the test fails saying why not. */
    public void took(String id, String action, String note, String token) {
        var response = step(id, action, note, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** A PUT without a body, as the caller {@code token} names. */
    public HttpResponse<String> put(String path, String token) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(30)).header(IdentityToken.HEADER, token)
                    .PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Sends a JSON body as raw bytes with its declared length from a thread of its own, and returns the raw answer:
     * a client sending a body far over the limit gets its answer whether or not the service read it all.
     */
    public String rawPost(String path, String token, String idempotencyKey, byte[] body) throws Exception {
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + "Idempotency-Key: " + idempotencyKey + "\r\n" + IdentityToken.HEADER + ": " + token + "\r\n\r\n";
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread sender = Thread.ofVirtual().start(() -> {
                try {
                    out.write(head.getBytes(StandardCharsets.UTF_8));
                    out.write(body);
                    out.flush();
                } catch (IOException refusedEarly) {
                    // The service answered and closed before taking the whole body: the answer says why.
                }
            });
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            sender.join(30_000);
            return answer;
        }
    }

    /** A JSON object whose one text field holds about {@code megabytes} MB of UTF-8 (Chinese, three bytes a character). */
    public static byte[] hugeJson(String field, int megabytes) {
        return ("{\"" + field + "\":\"" + "问".repeat(megabytes * 1024 * 1024 / 3) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh Idempotency-Key. */
    public static String key() {
        return UUID.randomUUID().toString();
    }

    /** Lets parallel calls start together. */
    public static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A problem of this status and type whose detail says {@code detail}. */
    public static void assertProblem(HttpResponse<String> response, int status, String typeSlug, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        assertThat(json(response).path("detail").asString()).contains(detail);
    }

    /** A 400 problem that names the field, in its detail or its field errors. */
    public static void assertFieldProblem(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains(field);
    }
}
