package org.mengkeju.catalog.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

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

/** Sub-center sync both ways through the API, on the real store: uploads, the change feed, and the sync state. */
@ServiceIntegrationTest
class SubCenterSyncApiTest {

    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;
    TestHttp http;
    /** A sub-center of its own per test, so the tests do not see each other's keys and states. */
    String subCenter;
    String token;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        subCenter = "ordos-" + UUID.randomUUID().toString().substring(0, 8);
        token = TestIdentities.token(new CallerIdentity(subCenter, Role.SUB_CENTER, null, "150600"));
    }

    static String item(String externalId, String title) {
        return "{\"externalId\":\"" + externalId + "\",\"ownerInstitutionId\":\"imut\",\"listing\":{\"title\":\""
                + title + "\",\"industryChain\":\"COAL_CHEMICALS\",\"maturity\":\"PILOT\","
                + "\"transferModes\":[\"LICENCE\"],\"askingPriceYuan\":250000}}";
    }

    @Test
    void aBatchIsStoredItemByItemAndARepeatedBatchChangesNothing() {
        String batch = String.join("\n", item("a-1", "粉煤灰提取氧化铝"), item("a-2", "煤矸石制备陶粒"),
                "{\"externalId\":\"a-3\",\"ownerInstitutionId\":\"imut\",\"listing\":{\"title\":\"无成熟度\"}}",
                "{\"externalId\": 12", item("a-4", "煤气化渣综合利用"));

        JsonNode first = json(upload(batch, token));
        assertThat(first.path("accepted").asInt()).isEqualTo(3);
        assertThat(first.path("outcomes").findValuesAsString("outcome"))
                .containsExactly("CREATED", "CREATED", "REFUSED", "REFUSED", "CREATED");
        assertThat(first.path("outcomes").get(2).path("problem").asString()).contains("listing.maturity");
        assertThat(first.path("outcomes").get(3).path("problem").asString()).contains("not JSON");

        JsonNode again = json(upload(batch, token));
        assertThat(again.path("outcomes").findValuesAsString("outcome"))
                .containsExactly("UNCHANGED", "UNCHANGED", "REFUSED", "REFUSED", "UNCHANGED");
        assertThat(again.path("outcomes").get(0).path("achievementId").asString())
                .isEqualTo(first.path("outcomes").get(0).path("achievementId").asString());

        String id = first.path("outcomes").get(0).path("achievementId").asString();
        JsonNode listing = json(http.get("/api/v1/catalog/achievements/" + id, IdentityToken.HEADER, token));
        assertThat(listing.path("status").asString()).isEqualTo("SUBMITTED");
        assertThat(listing.path("regionCode").asString()).isEqualTo("150600");
        assertThat(listing.path("subCenter").asString()).isEqualTo(subCenter);
    }

    @Test
    void aChangedItemRevisesAWithdrawnOneIsWithdrawnAndAnotherSubCenterCannotReachThem() {
        String id = json(upload(item("b-1", "风光制氢耦合煤化工"), token)).path("outcomes").get(0).path("achievementId")
                .asString();
        publish(id);

        JsonNode revised = json(upload(item("b-1", "风光制氢耦合煤化工 二期"), token));
        assertThat(revised.path("outcomes").get(0).path("outcome").asString()).isEqualTo("UPDATED");
        JsonNode withdrawn = json(upload("{\"externalId\":\"b-1\",\"withdrawn\":true}", token));
        assertThat(withdrawn.path("outcomes").get(0).path("outcome").asString()).isEqualTo("WITHDRAWN");

        String other = TestIdentities.token(new CallerIdentity("baotou-center", Role.SUB_CENTER, null, "150200"));
        JsonNode foreign = json(upload("{\"externalId\":\"b-1\",\"withdrawn\":true}", other));
        assertThat(foreign.path("outcomes").get(0).path("outcome").asString()).isEqualTo("REFUSED");
        assertThat(http.get("/api/v1/catalog/achievements/" + id, IdentityToken.HEADER, other).statusCode())
                .isEqualTo(404);
        assertThat(upload(item("x-1", "合作伙伴"), TestIdentities.partner("imut")).statusCode()).isEqualTo(403);
    }

    @Test
    void moreThanTenThousandItemsAreRefusedWholeAndNothingIsWritten() {
        String batch = IntStream.range(0, 10_001).mapToObj(i -> item("c-" + i, "储能电池回收 " + i))
                .collect(Collectors.joining("\n"));

        var response = upload(batch, token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(json(response).path("detail").asString()).contains("10001 items");
        assertThat(http.get("/api/v1/catalog/sync/states/" + subCenter, IdentityToken.HEADER, token).statusCode())
                .as("no upload recorded").isEqualTo(404);
    }

    @Test
    void aMirrorBuiltFromTheFeedEqualsTheCatalogAndWithdrawalsReachIt() {
        upload(item("d-1", "稀土抛光粉"), token);
        String gone = json(upload(item("d-2", "稀土储氢材料"), token)).path("outcomes").get(0).path("achievementId")
                .asString();
        publish(gone);
        String partner = TestIdentities.partner("imu");
        Map<String, Long> mirror = new HashMap<>();
        String cursor = follow(partner, mirror, null);
        assertThat(mirror).containsKey(gone);

        upload("{\"externalId\":\"d-2\",\"withdrawn\":true}", token);
        follow(partner, mirror, cursor);
        assertThat(mirror).doesNotContainKey(gone);

        // an operator's mirror from the beginning holds every listing at its current version
        Map<String, Long> everything = new HashMap<>();
        follow(TestIdentities.operator(), everything, null);
        Map<String, Long> catalog = new HashMap<>();
        String after = null;
        do {
            JsonNode page = json(http.get("/api/v1/catalog/achievements?limit=200"
                    + (after == null ? "" : "&after=" + after), IdentityToken.HEADER, TestIdentities.operator()));
            page.path("items").forEach(a -> catalog.put(a.path("id").asString(), a.path("version").asLong()));
            after = page.path("next").isNull() ? null : page.path("next").asString();
        } while (after != null);
        assertThat(everything).isEqualTo(catalog);
    }

    @Test
    void opsSeeEachSubCentersSyncState() {
        upload(String.join("\n", item("e-1", "光伏组件回收"), "{\"externalId\":\"e-2\"}"), token);
        http.get("/api/v1/catalog/sync/changes?limit=5", IdentityToken.HEADER, token);

        JsonNode state = json(http.get("/api/v1/catalog/sync/states/" + subCenter, IdentityToken.HEADER,
                TestIdentities.operator()));
        assertThat(state.path("lastUploadItems").asInt()).isEqualTo(2);
        assertThat(state.path("lastUploadRefused").asInt()).isEqualTo(1);
        assertThat(state.path("recentRefusals").get(0).path("externalId").asString()).isEqualTo("e-2");
        assertThat(state.path("pulls").asInt()).isEqualTo(1);
        assertThat(state.path("lastPullCursor").asString()).isNotBlank();
        assertThat(http.get("/api/v1/catalog/sync/states/" + subCenter, IdentityToken.HEADER, token).statusCode())
                .isEqualTo(200);
        String other = TestIdentities.token(new CallerIdentity("baotou-center", Role.SUB_CENTER, null, "150200"));
        assertThat(http.get("/api/v1/catalog/sync/states/" + subCenter, IdentityToken.HEADER, other).statusCode())
                .isEqualTo(403);
        assertThat(http.get("/api/v1/catalog/sync/states", IdentityToken.HEADER, token).statusCode()).isEqualTo(403);
    }

    /** Applies the feed from {@code cursor} to {@code mirror} until it is up to date; returns the cursor then. */
    private String follow(String caller, Map<String, Long> mirror, String cursor) {
        JsonNode page;
        do {
            var response = http.get("/api/v1/catalog/sync/changes?limit=100"
                    + (cursor == null ? "" : "&after=" + cursor), IdentityToken.HEADER, caller);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            page = json(response);
            for (JsonNode change : page.path("changes")) {
                if (change.path("removed").asBoolean()) {
                    mirror.remove(change.path("achievementId").asString());
                } else {
                    mirror.put(change.path("achievementId").asString(), change.path("listing").path("version").asLong());
                }
            }
            cursor = page.path("next").asString();
        } while (page.path("more").asBoolean());
        return cursor;
    }

    private void publish(String id) {
        var published = http.post("/api/v1/catalog/achievements/" + id + "/publish", null, IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    private HttpResponse<String> upload(String ndjson, String caller) {
        try {
            return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/api/v1/catalog/sync/listings")).header("Content-Type", "application/x-ndjson")
                    .header(IdentityToken.HEADER, caller).POST(HttpRequest.BodyPublishers.ofString(ndjson)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
