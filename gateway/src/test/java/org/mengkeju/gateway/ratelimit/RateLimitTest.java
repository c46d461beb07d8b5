package org.mengkeju.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.GatewayIntegrationTest;

/** Rate limits at the gateway: a client over its rate gets 429 alone, and is served again after the refill. */
class RateLimitTest extends GatewayIntegrationTest {

    @Test
    void aClientOverItsRateGets429WithRetryAfterAndOthersAreServed() {
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < BROKER_BURST + 3; i++) {
            statuses.add(get("/api/v1/catalog/achievements", "X-Api-Key", BROKER_KEY).statusCode());
        }
        var refused = get("/api/v1/catalog/achievements", "X-Api-Key", BROKER_KEY);

        assertThat(statuses.subList(0, BROKER_BURST)).containsOnly(200);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(contentType(refused)).startsWith("application/problem+json");
        assertThat(body(refused).path("type").asString()).endsWith("/rate-limited");
        assertThat(body(refused).path("detail").asString()).contains("hohhot-brokers");
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                v -> assertThat(Integer.parseInt(v)).isBetween(1, 2));
        assertThat(refused.headers().firstValue("RateLimit-Remaining")).hasValue("0");
        // another client is not affected by the broker's burst
        assertThat(get("/api/v1/catalog/achievements", "X-Api-Key", PARTNER_KEY).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(get("/api/v1/catalog/achievements", "X-Api-Key", BROKER_KEY).statusCode()).isEqualTo(200));
        assertThat(get("/actuator/prometheus").body()).contains("mengkeju_gateway_rate_limited_total");
    }
}
