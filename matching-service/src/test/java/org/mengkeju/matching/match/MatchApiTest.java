package org.mengkeju.matching.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.matching.supply.CatalogEvents;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import tools.jackson.databind.JsonNode;

/** Matching over HTTP: achievements indexed from the catalog's events, demands posted through the API. */
@ServiceIntegrationTest
class MatchApiTest {

    @org.springframework.beans.factory.annotation.Value("${local.server.port}")
    int port;
    @org.springframework.beans.factory.annotation.Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aDemandsRankingPutsTheFittingResultFirstWithItsReasonsAndLeavesUnrelatedOnesOut() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String wet = "ach-wet" + tag;
        String colorant = "ach-col" + tag;
        String film = "ach-flm" + tag;
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(wet, "PUBLISHED", 3));
        CatalogEvents.publish(kafka, CatalogEvents.step(colorant, "PUBLISHED", 2, "稀土硫化物着色剂",
                "以稀土硫化物替代镉系颜料，用于工程塑料和涂料着色", "RARE_EARTHS", "SMALL_BATCH", List.of("LICENCE"),
                "3000000", "150200"));
        CatalogEvents.publish(kafka, CatalogEvents.step(film, "PUBLISHED", 2, "PBAT可降解地膜",
                "180天完全降解，适用于玉米和马铃薯种植", "NEW_MATERIALS", "INDUSTRIALISED", List.of("LICENCE"),
                "800000", "150100"));
        awaitIndexed(film);
        String demand = postCeriumDemand("btrp" + tag);

        JsonNode ranking = json(http.get("/api/v1/matching/demands/" + demand + "/matches?limit=50",
                IdentityToken.HEADER, TestIdentities.partner("btrp" + tag)));

        List<String> ids = ranking.path("items").findValuesAsString("id");
        assertThat(ids).contains(wet, colorant).doesNotContain(film);
        assertThat(ids.indexOf(wet)).isLessThan(ids.indexOf(colorant));
        JsonNode best = ranking.path("items").get(ids.indexOf(wet));
        assertThat(best.path("reasons").findValuesAsString("text")).contains("同属稀土产业链", "可许可",
                "报价在预算内（报价120万元，预算上限200万元）", "同在包头市");
        int sum = 0;
        for (JsonNode reason : best.path("reasons")) {
            sum += reason.path("points").asInt();
        }
        assertThat(best.path("score").asInt()).isEqualTo(sum);
        JsonNode other = ranking.path("items").get(ids.indexOf(colorant));
        assertThat(other.path("reasons").findValuesAsString("text"))
                .contains("报价超出预算（报价300万元，预算上限200万元）");
    }

    @Test
    void anAchievementFindsTheOpenDemandsItCouldSolveButNotClosedOrSentBackOnes() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String wet = "ach-wet" + tag;
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(wet, "PUBLISHED", 3));
        awaitIndexed(wet);
        String open = postCeriumDemand("btrp" + tag);
        String closed = postCeriumDemand("btrp" + tag);
        String sentBack = postCeriumDemand("btrp" + tag);
        put("/api/v1/matching/demands/" + closed + "/status", "{\"status\":\"CLOSED\"}",
                TestIdentities.partner("btrp" + tag));
        http.post("/api/v1/matching/demands/" + sentBack + "/triage", "{\"decision\":\"SENT_BACK\"}",
                IdentityToken.HEADER, TestIdentities.operator());

        JsonNode ranking = json(http.get("/api/v1/matching/achievements/" + wet + "/demands?limit=50",
                IdentityToken.HEADER, TestIdentities.partner("imust")));

        List<String> ids = ranking.path("items").findValuesAsString("id");
        assertThat(ids).contains(open).doesNotContain(closed, sentBack);
        JsonNode item = ranking.path("items").get(ids.indexOf(open));
        assertThat(item.path("demand").has("contact")).isFalse();
        assertThat(item.path("reasons").get(0).path("text").asString()).isEqualTo("同属稀土产业链");
        // The demand's problem is the listing's subject, so its text counts, as it does the other way round.
        assertThat(item.path("reasons").findValuesAsString("kind")).contains("TEXT_RELEVANCE");
    }

    @Test
    void aWithdrawnAchievementDisappearsFromTheRankings() {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String wet = "ach-wet" + tag;
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(wet, "PUBLISHED", 3));
        awaitIndexed(wet);
        String demand = postCeriumDemand("btrp" + tag);
        assertThat(json(http.get("/api/v1/matching/demands/" + demand + "/matches?limit=50", IdentityToken.HEADER,
                TestIdentities.operator())).path("items").findValuesAsString("id")).contains(wet);

        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(wet, "WITHDRAWN", 4));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(http.get(
                "/api/v1/matching/demands/" + demand + "/matches?limit=50", IdentityToken.HEADER,
                TestIdentities.operator())).path("items").findValuesAsString("id")).doesNotContain(wet));
        assertThat(http.get("/api/v1/matching/achievements/" + wet + "/demands", IdentityToken.HEADER,
                TestIdentities.operator()).statusCode()).isEqualTo(404);
    }

    @Test
    void aFinanceInstitutionDoesNotAskForMatchesAndBadLimitsAreRefused() {
        String demand = postCeriumDemand("btrp-" + UUID.randomUUID().toString().substring(0, 6));
        String bank = TestIdentities.token(new CallerIdentity("bank-imb", Role.FINANCE_INSTITUTION, "imb", "150100"));

        var refused = http.get("/api/v1/matching/demands/" + demand + "/matches", IdentityToken.HEADER, bank);
        var tooMany = http.get("/api/v1/matching/demands/" + demand + "/matches?limit=500", IdentityToken.HEADER,
                TestIdentities.operator());
        var unknown = http.get("/api/v1/matching/demands/dem-0000000000000000/matches", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(tooMany.body()).contains("limit");
        assertThat(unknown.statusCode()).isEqualTo(404);
    }

    private String postCeriumDemand(String owner) {
        var response = http.post("/api/v1/matching/demands", """
                {"title":"稀土抛光粉废料中铈的回收提纯",
                 "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
                 "industryChain":"RARE_EARTHS","field":"稀土冶炼分离","regionCode":"150200",
                 "budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,"transferModes":["LICENCE","DEVELOPMENT"],
                 "wantedMaturity":"PILOT","deadline":"2027-06-30","contact":{"name":"王工","phone":"0472-5123456"}}""",
                IdentityToken.HEADER, TestIdentities.partner(owner), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private void awaitIndexed(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> http.get(
                "/api/v1/matching/achievements/" + id, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode() == 200);
    }

    private void put(String path, String body, String identity) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header(IdentityToken.HEADER, identity).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
