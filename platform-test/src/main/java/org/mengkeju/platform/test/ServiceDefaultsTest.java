package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.springframework.beans.factory.annotation.Value;

/**
 * What every service offers the same way, checked on the real service: health from MongoDB ping and Kafka,
 * Prometheus metrics, the OpenAPI document, request ids, and problem details for refusals. A service's test
 * extends this and names its API area.
 */
@ServiceIntegrationTest
public abstract class ServiceDefaultsTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.application.name}")
    String application;

    /** The service's API area, e.g. {@code /api/v1/matching}. */
    protected abstract String apiArea();

    protected TestHttp http() {
        return TestHttp.localPort(port);
    }

    @Test
    void healthIsUpOnlyWithMongoPingAndKafkaBothReachable() {
        var health = http().get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        var body = json(health);
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        // The ping check reports the database it pinged; Boot's own check (which sends hello) does not.
        assertThat(body.path("components").path("mongo").path("details").path("database").asString()).isNotEmpty();
        assertThat(body.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessAndReadinessAreSeparateHealthGroups() {
        var liveness = http().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("status").asString()).isEqualTo("UP");
        // Readiness waits for the store, the broker and, where the service consumes events, partition assignment.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http().get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    @Test
    void prometheusMetricsAreTaggedWithTheApplication() {
        var metrics = http().get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"" + application + "\"");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        var docs = http().get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).path("openapi").asString()).startsWith("3.");
    }

    @Test
    void anApiCallWithoutAVerifiedIdentityIsA401Problem() {
        var response = http().get(apiArea() + "/anything", "X-Request-Id", "req-defaults-401");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/unauthenticated");
        assertThat(json(response).path("requestId").asString()).isEqualTo("req-defaults-401");
    }

    @Test
    void anUnknownPathIsA404ProblemCarryingTheRequestId() {
        var response = http().get(apiArea() + "/no-such-resource", IdentityToken.HEADER, TestIdentities.operator(),
                "X-Request-Id", "req-defaults-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-defaults-404");
        assertThat(json(response).path("status").asInt()).isEqualTo(404);
        assertThat(json(response).path("requestId").asString()).isEqualTo("req-defaults-404");
    }
}
