package org.mengkeju.launcher.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The platform's public API as a client sees it: every call goes through the gateway with a development client's
 * API key. An answer whose status the caller did not expect stops the load with the problem body.
 */
final class Gateway {

    /** What the platform answered. */
    record Answer(int status, String body, Optional<String> replayed) {

        Map<String, Object> json() {
            return Json.object(body);
        }

        boolean wasReplayed() {
            return replayed.map("true"::equalsIgnoreCase).orElse(false);
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Function<String, String> apiKeyOf;

    /**
     * @param baseUrl  the gateway, e.g. {@code http://localhost:8080}
     * @param apiKeyOf the plain API key of a development client, by client id
     */
    Gateway(String baseUrl, Function<String, String> apiKeyOf) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKeyOf = apiKeyOf;
    }

    Answer get(String client, String path, int... expected) {
        return call("GET", client, path, null, null, null, expected);
    }

    /** A JSON body ({@link Map}, {@link java.util.List}) or none; an idempotency key where the operation takes one. */
    Answer post(String client, String path, Object body, String idempotencyKey, int... expected) {
        return call("POST", client, path, body == null ? null : Json.write(body), "application/json", idempotencyKey,
                expected);
    }

    Answer put(String client, String path, Object body, int... expected) {
        return call("PUT", client, path, Json.write(body), "application/json", null, expected);
    }

    Answer patch(String client, String path, Object body, int... expected) {
        return call("PATCH", client, path, Json.write(body), "application/json", null, expected);
    }

    Answer postNdjson(String client, String path, String ndjson, int... expected) {
        return call("POST", client, path, ndjson, "application/x-ndjson", null, expected);
    }

    private Answer call(String method, String client, String path, String body, String contentType,
            String idempotencyKey, int... expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("X-Api-Key", apiKeyOf.apply(client))
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = send(method, path, request.build());
        Answer answer = new Answer(response.statusCode(), response.body(),
                response.headers().firstValue("Idempotent-Replayed"));
        if (Arrays.stream(expected).noneMatch(s -> s == answer.status())) {
            throw new DemoLoadException(method + " " + path + " as " + client + " answered " + answer.status()
                    + " (expected " + Arrays.toString(expected) + "): " + Json.abbreviate(answer.body()));
        }
        return answer;
    }

    /** Sends once more after a connection failure or a 502/503 (a service restarting); the API is idempotent. */
    private HttpResponse<String> send(String method, String path, HttpRequest request) {
        IOException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            try {
                HttpResponse<String> response = http.send(request,
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if ((response.statusCode() == 502 || response.statusCode() == 503) && attempt < 5) {
                    pause(attempt);
                    continue;
                }
                return response;
            } catch (IOException e) {
                last = e;
                pause(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoLoadException(method + " " + path + " interrupted");
            }
        }
        throw new DemoLoadException(method + " " + path + " failed: " + last);
    }

    /**
     * Backs off before retrying a call the gateway could not pass on (502/503, a refused connection): right after
     * start-up a service may still be joining, and there is nothing to be notified by, so the loader waits.
     */
    private static void pause(int attempt) {
        try {
            Thread.sleep(500L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
