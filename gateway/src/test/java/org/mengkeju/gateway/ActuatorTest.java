package org.mengkeju.gateway;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ActuatorTest extends GatewayIntegrationTest {

    @Test
    void isHealthyOnItsOwnWhileAServiceIsDown() {
        var response = get("/actuator/health");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("status").asString()).isEqualTo("UP");
    }

    @Test
    void exposesPrometheusMetricsWithoutAnApiKey() {
        get("/api-docs");

        var response = get("/actuator/prometheus");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("http_server_requests_seconds").contains("application=\"gateway\"");
    }

    /** The series the authentication-failure alerts in deploy/prometheus/alerts.yml are written against. */
    @Test
    void countsRefusedCallersByClientForTheAlerts() {
        double unknownBefore = authFailures("unknown", "401");
        double adminBefore = authFailures("kjt-client-admin", "403");

        assertThat(get("/api/v1/catalog/achievements", "X-Api-Key", "mistyped-" + PARTNER_KEY).statusCode())
                .isEqualTo(401);
        assertThat(get("/api/v1/catalog/achievements", "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(403);

        // Counted when the exchange completes, which may be just after the client has its answer.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(authFailures("unknown", "401")).isGreaterThanOrEqualTo(unknownBefore + 1);
            assertThat(authFailures("kjt-client-admin", "403")).isGreaterThanOrEqualTo(adminBefore + 1);
        });
    }

    @Test
    void doesNotCountAnAcceptedRequestAsARefusal() {
        double partnerBefore = authFailures("imut-tto", "403") + authFailures("imut-tto", "401");

        assertThat(get("/api/v1/catalog/achievements/ach-metrics", "X-Api-Key", PARTNER_KEY).statusCode())
                .isEqualTo(200);

        assertThat(authFailures("imut-tto", "403") + authFailures("imut-tto", "401")).isEqualTo(partnerBefore);
    }

    /** The value of mengkeju_gateway_auth_failures_total for a client and status, 0 while it has no series. */
    private double authFailures(String client, String status) {
        String metrics = get("/actuator/prometheus").body();
        Matcher line = Pattern.compile("(?m)^mengkeju_gateway_auth_failures_total\\{([^}]*)} (\\S+)$").matcher(metrics);
        while (line.find()) {
            if (line.group(1).contains("client=\"" + client + "\"") && line.group(1).contains("status=\"" + status + "\"")) {
                return Double.parseDouble(line.group(2));
            }
        }
        return 0;
    }
}
