package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Listing search: filters, scoping by caller, and pages that stay stable while listings are added. */
@ServiceIntegrationTest
class AchievementSearchApiTest {

    @Value("${local.server.port}")
    int port;
    TestHttp http;
    /** Each test lists under a field of its own, so listings of other tests in the same store do not count. */
    String field;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        field = "field-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void filtersCombineAndOthersSeeOnlyPublicListings() {
        String cheapPilot = published("imut", "RARE_EARTHS", "PILOT", "\"askingPriceYuan\":300000");
        String rangeLab = published("imut", "RARE_EARTHS", "LAB", "\"priceRangeYuan\":{\"minYuan\":900000,\"maxYuan\":2000000}");
        String negotiable = published("imu", "DAIRY", "PILOT", null);
        String draft = create("imut", "RARE_EARTHS", "PILOT", "\"askingPriceYuan\":500000");

        assertThat(ids("", operator())).containsExactlyInAnyOrder(cheapPilot, rangeLab, negotiable, draft);
        assertThat(ids("&chain=RARE_EARTHS&maturity=PILOT", operator())).containsExactlyInAnyOrder(cheapPilot, draft);
        assertThat(ids("&minPrice=1000000", operator())).containsExactly(rangeLab);
        assertThat(ids("&maxPrice=600000", operator())).containsExactlyInAnyOrder(cheapPilot, draft);
        assertThat(ids("&sort=PRICE_ASC", operator())).containsExactly(cheapPilot, draft, rangeLab);
        assertThat(ids("&status=DRAFT", operator())).containsExactly(draft);
        assertThat(ids("&owner=imu", operator())).containsExactly(negotiable);

        var bank = TestIdentities.token(new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "boimc", "150100"));
        assertThat(ids("", bank)).containsExactlyInAnyOrder(cheapPilot, rangeLab, negotiable);
        assertThat(ids("", TestIdentities.partner("imut"))).contains(draft);
        assertThat(ids("", TestIdentities.partner("imu"))).doesNotContain(draft);
    }

    @Test
    void pagesStayStableWhileListingsAreAdded() {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            listed.add(published("imut", "HYDROGEN", "PILOT", "\"askingPriceYuan\":" + (100000 + i)));
        }
        List<String> seen = new ArrayList<>();
        JsonNode page = search("&sort=OLDEST&limit=2", operator());
        seen.addAll(page.path("items").findValuesAsString("id"));
        published("imut", "HYDROGEN", "PILOT", "\"askingPriceYuan\":99"); // lands after the cursor: oldest order
        while (!page.path("next").isNull() && !page.path("next").isMissingNode()) {
            page = search("&sort=OLDEST&limit=2&after=" + page.path("next").asString(), operator());
            seen.addAll(page.path("items").findValuesAsString("id"));
        }

        assertThat(seen).hasSize(6).startsWith(listed.toArray(String[]::new)).doesNotHaveDuplicates();
    }

    @Test
    void aBadCursorOrFilterIsA400() {
        assertProblem(http.get("/api/v1/catalog/achievements?after=not-a-cursor", IdentityToken.HEADER, operator()),
                "invalid-query", "after");
        assertProblem(http.get("/api/v1/catalog/achievements?minPrice=5&maxPrice=1", IdentityToken.HEADER,
                operator()), "invalid-query", "minPriceYuan");
        var wrongEnum = http.get("/api/v1/catalog/achievements?chain=STEEL", IdentityToken.HEADER, operator());
        assertThat(wrongEnum.statusCode()).as(wrongEnum.body()).isEqualTo(400);
    }

    private List<String> ids(String filters, String token) {
        List<String> all = new ArrayList<>();
        JsonNode page = search(filters + "&limit=200", token);
        all.addAll(page.path("items").findValuesAsString("id"));
        assertThat(page.path("next").isNull()).as("one page is enough here").isTrue();
        return all;
    }

    private JsonNode search(String filters, String token) {
        var response = http.get("/api/v1/catalog/achievements?field=" + URLEncoder.encode(field,
                StandardCharsets.UTF_8) + filters, IdentityToken.HEADER, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private String published(String institution, String chain, String maturity, String price) {
        String id = create(institution, chain, maturity, price);
        assertThat(http.post(path(id) + "/steps", "{\"action\":\"SUBMIT\"}", IdentityToken.HEADER,
                TestIdentities.partner(institution)).statusCode()).isEqualTo(200);
        assertThat(http.post(path(id) + "/publish", null, IdentityToken.HEADER, operator()).statusCode())
                .isEqualTo(200);
        return id;
    }

    private String create(String institution, String chain, String maturity, String price) {
        String body = "{\"title\":\"储氢合金 " + UUID.randomUUID() + "\",\"technologyField\":\"" + field
                + "\",\"industryChain\":\"" + chain + "\",\"maturity\":\"" + maturity
                + "\",\"transferModes\":[\"LICENCE\"]" + (price == null ? "" : "," + price) + "}";
        var created = http.post("/api/v1/catalog/achievements", body, IdentityToken.HEADER,
                TestIdentities.partner(institution), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asString();
    }

    private static String path(String id) {
        return "/api/v1/catalog/achievements/" + id;
    }

    private static String operator() {
        return TestIdentities.operator();
    }

    private static void assertProblem(java.net.http.HttpResponse<String> response, String typeSlug, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        assertThat(json(response).path("detail").asString()).contains(detail);
    }
}
