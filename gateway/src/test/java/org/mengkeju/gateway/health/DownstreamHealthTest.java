package org.mengkeju.gateway.health;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.GatewayIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** finance points at a port where nothing listens; the other services at a live server. */
class DownstreamHealthTest extends GatewayIntegrationTest {

    @Test
    void readinessNamesTheServiceThatIsDownWhileTheGatewayStaysReady() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var response = get("/actuator/health/readiness");

            assertThat(response.statusCode()).isEqualTo(200);
            var health = body(response);
            assertThat(health.path("status").asString()).isEqualTo("UP");
            var downstream = health.path("components").path("downstream");
            assertThat(downstream.path("status").asString()).isEqualTo("DEGRADED");
            assertThat(downstream.path("details").path("down").toString()).isEqualTo("[\"finance-service\"]");
            assertThat(downstream.path("details").path("services").path("finance-service").asString())
                    .startsWith("DOWN");
            assertThat(downstream.path("details").path("services").path("catalog-service").asString())
                    .isEqualTo("UP");
        });
    }

    @Test
    void exposesEachServicesStateAsAGauge() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String metrics = get("/actuator/prometheus").body();

            assertThat(metrics)
                    .contains("mengkeju_gateway_downstream_up{application=\"gateway\",downstream=\"finance-service\"} 0")
                    .contains("mengkeju_gateway_downstream_up{application=\"gateway\",downstream=\"catalog-service\"} 1");
        });
    }
}
