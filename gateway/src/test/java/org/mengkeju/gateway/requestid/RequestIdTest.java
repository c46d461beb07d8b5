package org.mengkeju.gateway.requestid;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class RequestIdTest extends GatewayIntegrationTest {

    @Test
    void givesARequestWithoutAnIdANewOneAndPassesItOn() {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY);

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(services.receivedOn(path).getFirst().header("X-Request-Id")).isEqualTo(requestId);
    }

    @Test
    void keepsTheCallersIdWhenItIsSane() {
        String path = "/api/v1/contract/registrations/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY, "X-Request-Id", "imut-sync-20260315-0042");

        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("imut-sync-20260315-0042");
        assertThat(services.receivedOn(path).getFirst().header("X-Request-Id")).isEqualTo("imut-sync-20260315-0042");
    }

    @Test
    void replacesAnIdThatCouldPolluteTheLogs() {
        String path = "/api/v1/points/accounts/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY, "X-Request-Id", "x\"} level=ERROR forged");

        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        assertThat(UUID.fromString(requestId)).isNotNull();
        assertThat(services.receivedOn(path).getFirst().header("X-Request-Id")).isEqualTo(requestId);
    }

    @Test
    void continuesTheCallersTraceAndPassesItToTheService() {
        String path = "/api/v1/matching/demands/" + UUID.randomUUID();
        String trace = UUID.randomUUID().toString().replace("-", "");

        get(path, "X-Api-Key", PARTNER_KEY, "traceparent", "00-" + trace + "-00f067aa0ba902b7-01");

        // The same trace, in a span of the gateway's own (W3C trace context).
        assertThat(services.receivedOn(path).getFirst().header("traceparent"))
                .matches("00-" + trace + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void startsATraceForACallerWithoutOne() {
        String path = "/api/v1/points/accounts/" + UUID.randomUUID();

        get(path, "X-Api-Key", PARTNER_KEY);

        // A new trace, sampled or not by the gateway's ratio (the flag is 01 or 00); the services follow the flag.
        assertThat(services.receivedOn(path).getFirst().header("traceparent"))
                .matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
    }

    @Test
    void returnsTheIdOnRefusalsToo() {
        var response = get("/api/v1/catalog/achievements", "X-Request-Id", "partner-retry-000001");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("partner-retry-000001");
        assertThat(body(response).path("requestId").asString()).isEqualTo("partner-retry-000001");
    }

    @Test
    void writesOneAccessLineWithTheRequestId(CapturedOutput output) {
        String requestId = "access-" + UUID.randomUUID();
        String path = "/api/v1/matching/demands/" + UUID.randomUUID();

        get(path, "X-Api-Key", PARTNER_KEY, "X-Request-Id", requestId);

        // Written when the exchange completes, which may be just after the client has its answer.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut().lines()
                .filter(line -> line.contains("[" + requestId + "]"))
                .filter(line -> line.contains("GET " + path + " 200 client=imut-tto"))
                .filter(line -> line.matches(".* \\d+ ms$")))
                .hasSize(1));
    }
}
