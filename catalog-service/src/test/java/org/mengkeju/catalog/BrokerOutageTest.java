package org.mengkeju.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;

/**
 * A broker outage makes the service not ready (out of rotation) but never not live (restarted): the outbox lets
 * it keep accepting writes, which are published once the broker is back.
 */
@ServiceIntegrationTest
@DirtiesContext // the broker of this context is stopped
class BrokerOutageTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    EmbeddedKafkaBroker broker;

    @Test
    void withTheBrokerStoppedTheServiceIsLiveButNotReadyAndStillAcceptsWrites() {
        TestHttp http = TestHttp.localPort(port);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

        broker.destroy();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.get("/actuator/health/readiness").statusCode()).isEqualTo(503));
        var liveness = http.get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("status").asString()).isEqualTo("UP");

        var created = http.post("/api/v1/catalog/achievements", """
                {"title":"稀土永磁电机控制器","industryChain":"RARE_EARTHS","maturity":"PILOT",
                 "transferModes":["LICENCE"],"askingPriceYuan":800000}""",
                IdentityToken.HEADER, TestIdentities.partner("imut"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asString();
        assertThat(http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}",
                IdentityToken.HEADER, TestIdentities.partner("imut")).statusCode()).isEqualTo(200);
        var published = http.post("/api/v1/catalog/achievements/" + id + "/publish", null,
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(json(published).path("status").asString()).isEqualTo("PUBLISHED");
    }
}
