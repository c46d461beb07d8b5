package org.mengkeju.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Calls a partner system makes through the gateway, shared by the edge's system test and its benchmark. */
final class PartnerCalls {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PartnerCalls() {
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
