package org.mengkeju.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.mengkeju.launcher.LocalPlatform;

/** Calls clients make through the gateway, shared by the system tests and the benchmarks. */
final class PartnerCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PartnerCalls() {
    }

    /**
     * A request through {@code platform}'s gateway as its development client {@code client}: its API key, a JSON body
     * when there is one, and {@code idempotencyKey} when one is given.
     */
    static HttpRequest.Builder asClient(LocalPlatform platform, String client, String method, String path,
            String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("X-Api-Key", platform.apiKey(client))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request;
    }

    /** Lists a draft achievement for the key's institution and answers its path, to read it back. */
    static String createAchievement(String gateway, String key, String title) throws Exception {
        var created = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/catalog/achievements"))
                .header("X-Api-Key", key).header("Idempotency-Key", UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"title":"%s","industryChain":"NEW_ENERGY","maturity":"PILOT",
                         "transferModes":["LICENCE"],"askingPriceYuan":800000}""".formatted(title)))
                .build(), HttpResponse.BodyHandlers.ofString());
        if (created.statusCode() != 201) {
            throw new IllegalStateException("creating an achievement failed: " + created.statusCode() + " "
                    + created.body());
        }
        return "/api/v1/catalog/achievements/" + JSON.readTree(created.body()).path("id").asText();
    }
}
