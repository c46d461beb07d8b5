package org.mengkeju.matching.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.matching.supply.CatalogEvents;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Search over HTTP, fed by the catalog's events and this service's own demands. */
@ServiceIntegrationTest
class SearchApiTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    SearchFeed feed;
    @Autowired
    SearchIndex index;
    @Autowired
    MongoTemplate mongo;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aWordFindsTheIndexedAchievementAndThePostedDemandWithHighlights() {
        String tag = tag();
        String achievement = "ach-wet" + tag;
        CatalogEvents.publish(kafka, CatalogEvents.step(achievement, "PUBLISHED", 3, "钕铁硼废料" + tag + "回收工艺",
                "氢破碎回收钕铁硼废料中的稀土，回收率98%", "RARE_EARTHS", "PILOT", List.of("LICENCE"), "900000",
                "150200"));
        String demand = postDemand("钕铁硼废料" + tag + "的综合利用", "2000000");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(search("q=" + enc(tag))))
                .contains(achievement, demand));
        JsonNode onlyDemands = search("q=" + enc(tag) + "&kind=DEMAND");
        assertThat(ids(onlyDemands)).containsExactly(demand);
        JsonNode hit = search("q=" + enc(tag) + "&kind=ACHIEVEMENT").path("items").get(0);
        assertThat(hit.path("highlightedTitle").asString()).contains("<em>" + tag + "</em>");
        assertThat(hit.path("priceYuan").decimalValue()).isEqualByComparingTo("900000");
    }

    @Test
    void aWithdrawnAchievementAndAClosedDemandDisappear() {
        String tag = tag();
        String achievement = "ach-gone" + tag;
        CatalogEvents.publish(kafka, CatalogEvents.step(achievement, "PUBLISHED", 3, "稀土永磁" + tag,
                "高性能烧结钕铁硼", "RARE_EARTHS", "SMALL_BATCH", List.of("LICENCE"), "500000", "150200"));
        String demand = postDemand("稀土永磁" + tag + "电机", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> ids(search("q=" + enc(tag))).size() == 2);

        CatalogEvents.publish(kafka, CatalogEvents.step(achievement, "WITHDRAWN", 4, "稀土永磁" + tag,
                "高性能烧结钕铁硼", "RARE_EARTHS", "SMALL_BATCH", List.of("LICENCE"), "500000", "150200"));
        put("/api/v1/matching/demands/" + demand + "/status", "{\"status\":\"CLOSED\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ids(search("q=" + enc(tag)))).isEmpty());
    }

    @Test
    void aCopyTheIndexMissedIsFoundAfterTheCatchUpAndACatchUpAgainChangesNothing() {
        String tag = tag();
        String missed = "ach-missed" + tag;
        // Written to the store as the consumer would have, while the search index was not listening.
        mongo.getCollection("offered_achievements").insertOne(new org.bson.Document("_id", missed)
                .append("title", "微变雷达" + tag).append("summary", "露天矿边坡毫米级形变监测")
                .append("industryChain", "EQUIPMENT_MANUFACTURING").append("maturity", "INDUSTRIALISED")
                .append("transferModes", List.of("LICENCE")).append("regionCode", "150600")
                .append("status", "PUBLISHED").append("offered", true).append("catalogVersion", 2L)
                .append("terms", List.of("雷达")));
        assertThat(ids(search("q=" + enc(tag)))).isEmpty();

        assertThat(feed.catchUp()).isPositive();
        assertThat(ids(search("q=" + enc(tag)))).containsExactly(missed);
        assertThat(feed.catchUp()).isZero();
        assertThat(index.versionOf(missed)).hasValue(2L);
    }

    @Test
    void hostileQueriesAreAnsweredOrRefusedNeverAServerError() {
        var tooLong = http.get("/api/v1/matching/search?q=" + enc("稀".repeat(201)), IdentityToken.HEADER,
                TestIdentities.operator());
        var tenThousand = http.get("/api/v1/matching/search?q=" + enc("稀土".repeat(5_000)), IdentityToken.HEADER,
                TestIdentities.operator());
        var quotes = http.get("/api/v1/matching/search?q=" + enc("\"稀土 AND (抛光 OR title:*"), IdentityToken.HEADER,
                TestIdentities.operator());
        var emoji = http.get("/api/v1/matching/search?q=" + enc("🌾🐑"), IdentityToken.HEADER,
                TestIdentities.operator());
        var reversed = http.get("/api/v1/matching/search?minPriceYuan=500&maxPriceYuan=100", IdentityToken.HEADER,
                TestIdentities.operator());
        var negative = http.get("/api/v1/matching/search?minPriceYuan=-1", IdentityToken.HEADER,
                TestIdentities.operator());
        var forgedCursor = http.get("/api/v1/matching/search?after=bzo5OTk5OQ", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(json(tooLong).path("detail").asString()).contains("q");
        assertThat(tenThousand.statusCode()).isBetween(400, 499);
        assertThat(tenThousand.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(quotes.statusCode()).isEqualTo(200);
        assertThat(emoji.statusCode()).isEqualTo(200);
        assertThat(json(emoji).path("items")).isEmpty();
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(json(reversed).path("type").asString()).endsWith("/invalid-price-range");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("minPriceYuan");
        assertThat(forgedCursor.statusCode()).isEqualTo(400);
        assertThat(json(forgedCursor).path("type").asString()).endsWith("/invalid-cursor");
    }

    @Test
    void pagesFollowByCursor() {
        String tag = tag();
        for (int i = 0; i < 3; i++) {
            postDemand("草种" + tag + "丸粒化包衣第" + i + "批", null);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> search("q=" + enc(tag)).path("total").asLong() == 3);

        JsonNode first = search("q=" + enc(tag) + "&limit=2");
        JsonNode second = search("q=" + enc(tag) + "&limit=2&after=" + first.path("next").asString());

        assertThat(ids(first)).hasSize(2);
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("totalExact").asBoolean()).isTrue();
        assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
        assertThat(second.path("next").isNull()).isTrue();
    }

    private JsonNode search(String query) {
        var response = http.get("/api/v1/matching/search?" + query, IdentityToken.HEADER,
                TestIdentities.partner("imust"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static List<String> ids(JsonNode result) {
        return result.path("items").findValuesAsString("id");
    }

    private String postDemand(String title, String budgetMax) {
        var response = http.post("/api/v1/matching/demands", """
                {"title":"%s","problem":"希望引进成熟工艺","industryChain":"RARE_EARTHS","regionCode":"150200",
                 %s"transferModes":["LICENCE"],"deadline":"2027-06-30",
                 "contact":{"name":"李工","phone":"0472-5123456"}}""".formatted(title,
                        budgetMax == null ? "" : "\"budgetMaxYuan\":" + budgetMax + ","),
                IdentityToken.HEADER, TestIdentities.partner("btrp"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private void put(String path, String body) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header(IdentityToken.HEADER, TestIdentities.partner("btrp")).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A made-up word the segmenter keeps whole, so that each test finds only its own items. */
    private static String tag() {
        // Two UUIDs: one alone has fewer than six letters a-f about once in a hundred runs.
        return "zq" + (UUID.randomUUID() + "" + UUID.randomUUID()).replaceAll("[^a-f]", "").substring(0, 6);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
