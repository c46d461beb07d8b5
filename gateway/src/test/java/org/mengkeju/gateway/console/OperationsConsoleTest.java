package org.mengkeju.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.FakeService;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.mengkeju.platform.identity.IdentityToken;
import tools.jackson.databind.JsonNode;

/**
 * The operations API behind the console page and the page itself, on the real gateway in front of a stand-in
 * service (finance is down): what an operator sees, what everybody else is refused, and how the dead-letter calls
 * reach a service.
 */
class OperationsConsoleTest extends GatewayIntegrationTest {

    @Test
    void anOperatorSeesEveryServicesHealthBacklogsAndFiguresAndADownServiceAsUnreachable() {
        int healthCallsBefore = services.receivedOn("/actuator/health").size();

        var response = get("/api/v1/ops/overview", "X-Api-Key", OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode services = body(response).path("services");
        assertThat(services.values().stream().map(s -> s.path("name").asString()))
                .containsExactly("catalog", "matching", "contract", "points", "finance");
        JsonNode catalog = services.get(0);
        assertThat(catalog.path("status").asString()).isEqualTo("UP");
        assertThat(catalog.path("components").path("kafka").asString()).isEqualTo("UP");
        assertThat(catalog.path("outboxPending").asLong()).isEqualTo(3);
        assertThat(catalog.path("deadLetters").asLong()).isEqualTo(1);
        assertThat(catalog.path("deadLettersAwaitingReplay").asLong()).isEqualTo(1);
        // Its own figures only: the catalog's listings by status, not the points' figure nor the JVM's.
        assertThat(catalog.path("figures").values().stream()
                .map(f -> f.path("metric").asString() + "/" + f.path("status").asString() + "=" + f.path("value").asDouble()))
                .containsExactlyInAnyOrder("mengkeju_catalog_listings/PUBLISHED=232.0",
                        "mengkeju_catalog_listings/SUBMITTED=8.0");
        assertThat(services.get(3).path("figures").values().stream().map(f -> f.path("metric").asString()))
                .containsExactly("mengkeju_points_issued");
        JsonNode finance = services.get(4);
        assertThat(finance.path("status").asString()).isEqualTo("UNREACHABLE");
        assertThat(finance.path("problem").asString()).contains("finance-service");
        assertThat(finance.path("figures").isEmpty()).isTrue();
        // The services were asked with an identity signed for each, never with the operator's key.
        var healthCalls = FakeServiceCalls.after(GatewayIntegrationTest.services.receivedOn("/actuator/health"),
                healthCallsBefore);
        assertThat(healthCalls).hasSize(4).allSatisfy(call -> {
            assertThat(call.header(IdentityToken.HEADER)).isNotBlank();
            assertThat(call.header("X-Api-Key")).isNull();
        });
    }

    @Test
    void everyoneButAnOperatorIsRefused() {
        var partner = get("/api/v1/ops/overview", "X-Api-Key", PARTNER_KEY);
        var admin = get("/api/v1/ops/overview", "X-Api-Key", ADMIN_KEY);
        var broker = post("/api/v1/ops/services/points/dead-letters/x.y.dlt:0:1/replay", "", "X-Api-Key", BROKER_KEY);
        var anonymous = get("/api/v1/ops/overview");

        for (var refused : java.util.List.of(partner, admin, broker)) {
            assertThat(refused.statusCode()).isEqualTo(403);
            assertThat(contentType(refused)).startsWith("application/problem+json");
            assertThat(body(refused).path("detail").asString()).contains("OPERATOR");
        }
        assertThat(body(partner).path("detail").asString()).contains("imut-tto is a PARTNER");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(services.receivedOn("/ops/dead-letters/x.y.dlt:0:1/replay")).isEmpty();
    }

    @Test
    void deadLettersAreListedAndReplayedThroughTheServicesDesk() {
        var listed = get("/api/v1/ops/services/catalog/dead-letters?limit=20", "X-Api-Key", OPERATOR_KEY);
        String id = "mengkeju.catalog.achievements.points-achievement-awards.dlt:0:42";
        var replayed = post("/api/v1/ops/services/points/dead-letters/" + id + "/replay", "",
                "X-Api-Key", OPERATOR_KEY);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(body(listed).path("awaitingReplay").asLong()).isEqualTo(1);
        var listCall = services.receivedOn("/ops/dead-letters").getLast();
        assertThat(listCall.query()).isEqualTo("limit=20");
        assertThat(listCall.header(IdentityToken.HEADER)).isNotBlank();
        assertThat(replayed.statusCode()).isEqualTo(200);
        assertThat(body(replayed).path("deadLetter").path("id").asString()).isEqualTo(id);
        assertThat(services.receivedOn("/ops/dead-letters/" + id + "/replay")).singleElement()
                .satisfies(call -> assertThat(call.method()).isEqualTo("POST"));
        // The desk's refusal reaches the operator as the desk wrote it.
        var gone = post("/api/v1/ops/services/points/dead-letters/mengkeju.points.transfers.finance-points.dlt:0:404"
                + "/replay", "", "X-Api-Key", OPERATOR_KEY);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(contentType(gone)).startsWith("application/problem+json");
        assertThat(body(gone).path("detail").asString()).isEqualTo("dead letter gone");
    }

    @Test
    void badInputIsA400AndAnUnknownServiceA404() {
        var badId = post("/api/v1/ops/services/points/dead-letters/not%0D%0Aan-id/replay", "", "X-Api-Key",
                OPERATOR_KEY);
        var badLimit = get("/api/v1/ops/services/points/dead-letters?limit=0", "X-Api-Key", OPERATOR_KEY);
        var unknown = get("/api/v1/ops/services/contracts/dead-letters", "X-Api-Key", OPERATOR_KEY);
        var down = get("/api/v1/ops/services/finance/dead-letters", "X-Api-Key", OPERATOR_KEY);

        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(body(badId).path("detail").asString()).contains("deadLetterId");
        assertThat(badLimit.statusCode()).isEqualTo(400);
        assertThat(body(badLimit).path("detail").asString()).contains("limit");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(body(unknown).path("detail").asString()).contains("contracts");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(contentType(down)).startsWith("application/problem+json");
    }

    @Test
    void thePageIsServedWithoutAKeyAndTalksToItsOwnOriginOnly() {
        var page = get("/console/");
        var script = get("/console/console.js");
        var bare = get("/console");
        var other = get("/console/secrets.txt");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(contentType(page)).startsWith("text/html");
        assertThat(page.body()).contains("运维控制台").contains("console.js").doesNotContain("http://", "https://");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("connect-src 'self'").contains("script-src 'self'"));
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(contentType(script)).startsWith("text/javascript");
        assertThat(script.body()).contains("/api/v1/ops/overview").contains("sessionStorage");
        assertThat(bare.statusCode()).isEqualTo(308);
        assertThat(bare.headers().firstValue("Location")).hasValue("/console/");
        assertThat(other.statusCode()).isEqualTo(404);
    }

    /** The calls a stand-in service received after a point. */
    static final class FakeServiceCalls {
        static java.util.List<FakeService.Received> after(java.util.List<FakeService.Received> calls, int before) {
            return calls.subList(before, calls.size());
        }
    }
}
