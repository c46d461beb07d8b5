package org.mengkeju.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.GatewayIntegrationTest;

/** Rate limits at the gateway: a client over its rate gets 429 alone, and is served again after the refill. */
class RateLimitTest extends GatewayIntegrationTest {

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndOthersAreServed() throws Exception {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BROKER_BURST + 3; i++) {
            statuses.add(read(BROKER_KEY).statusCode());
        }
        var refused = read(BROKER_KEY);

        assertThat(statuses.subList(0, BROKER_BURST)).containsOnly(200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(contentType(refused)).startsWith("application/problem+json");
        assertThat(body(refused).path("type").asString()).endsWith("/rate-limited");
        assertThat(body(refused).path("detail").asString()).contains("hohhot-brokers");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        // another client is not affected by the broker's burst
        assertThat(read(PARTNER_KEY).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(read(BROKER_KEY).statusCode()).isEqualTo(200));
        assertThat(get("/actuator/prometheus").body()).contains("mengkeju_gateway_rate_limited_total");
    }

    /** Each request on a connection of its own, so the count is the gateway's, not a connection pool's. */
    private HttpResponse<String> read(String key) throws Exception {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(gateway("/api/v1/catalog/achievements"))
                    .header("X-Api-Key", key).timeout(Duration.ofSeconds(20)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
