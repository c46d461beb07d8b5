package org.mengkeju.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

/**
 * The catalog's controllers reached by spellings of {@code /api} that are not the raw prefix: refused without an
 * identity, served with one.
 */
@ServiceIntegrationTest
class IdentitySpellingsTest {

    static final String FEED = """
            {"title":"马铃薯脱毒种薯快繁技术","industryChain":"MODERN_AGRICULTURE","maturity":"PILOT",
             "transferModes":["LICENCE"],"askingPriceYuan":300000}""";

    @Value("${local.server.port}")
    int port;

    @Test
    void aControllerReachedByAnotherSpellingOfApiNeedsTheIdentityAndWorksWithIt() {
        TestHttp http = TestHttp.localPort(port);
        for (String api : List.of("/%61pi", "/api;x=1", "/a%70i;v=2")) {
            String achievements = api + "/v1/catalog/achievements";
            String key = UUID.randomUUID().toString();

            var refused = http.post(achievements, FEED, "Idempotency-Key", key, "X-Request-Id", "req-spelled");
            var forPoints = http.post(achievements, FEED, "Idempotency-Key", key, IdentityToken.HEADER,
                    TestIdentities.token(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"),
                            "points-service"));

            assertThat(refused.statusCode()).as(achievements).isEqualTo(401);
            assertThat(json(refused).path("type").asString()).isEqualTo("https://mengkeju.org/problems/unauthenticated");
            assertThat(json(refused).path("requestId").asString()).isEqualTo("req-spelled");
            assertThat(forPoints.statusCode()).as(achievements).isEqualTo(401);

            var created = http.post(achievements, FEED, "Idempotency-Key", key,
                    IdentityToken.HEADER, TestIdentities.partner("imut"));
            assertThat(created.statusCode()).as(achievements + ": " + created.body()).isEqualTo(201);
            String id = json(created).path("id").asString();
            var read = http.get(achievements + "/" + id, IdentityToken.HEADER, TestIdentities.partner("imut"));
            assertThat(read.statusCode()).as(achievements).isEqualTo(200);
            assertThat(json(read).path("id").asString()).isEqualTo(id);
        }
    }

    @Test
    void aDoubledSlashIsRefusedWithoutIdentityAndReachesNoControllerWithIt() {
        TestHttp http = TestHttp.localPort(port);
        String achievements = "//api/v1/catalog/achievements";

        var refused = http.post(achievements, FEED, "Idempotency-Key", UUID.randomUUID().toString());
        var verified = http.post(achievements, FEED, "Idempotency-Key", UUID.randomUUID().toString(),
                IdentityToken.HEADER, TestIdentities.partner("imut"));

        assertThat(refused.statusCode()).isEqualTo(401);
        // Spring MVC does not map '//api' to the controller: a 404 problem, with or without identity nothing is made.
        assertThat(verified.statusCode()).isEqualTo(404);
        assertThat(verified.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
    }
}
