package org.mengkeju.gateway;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
}
