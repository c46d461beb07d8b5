package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

/** The whole listing through the API: every field, revisions under If-Match, and what is refused. */
@ServiceIntegrationTest
class AchievementRevisionApiTest {

    static final String COLORANT = """
            {"title":"稀土硫化物着色剂","summary":"Rare-earth sulfide colorant replacing cadmium pigments.",
             "technologyField":"稀土功能材料","industryChain":"RARE_EARTHS","keywords":["着色剂","稀土","无镉"],
             "maturity":"PILOT","technologyReadinessLevel":6,
             "ipItems":[{"number":"ZL201710601862.3","type":"INVENTION_PATENT","legalStatus":"GRANTED"},
                        {"number":"2021SR0123456","type":"SOFTWARE_COPYRIGHT","legalStatus":"GRANTED"}],
             "inventors":[{"name":"李明","affiliation":"中科院包头稀土研发中心"},{"name":"Zhang Wei"}],
             "transferModes":["LICENCE","DEVELOPMENT"],"priceRangeYuan":{"minYuan":800000,"maxYuan":1200000.50},
             "attachments":[{"name":"检测报告.pdf","url":"https://files.brire.ac.cn/colorant.pdf",
               "sha256":"9f2c1a8e5b7d4c3f0e6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"}]}""";
    static final String REVISED = COLORANT.replace("\"着色剂\",\"稀土\",\"无镉\"", "\"着色剂\",\"稀土\",\"无镉\",\"塑料\"")
            .replace("\"technologyReadinessLevel\":6", "\"technologyReadinessLevel\":7");

    @Value("${local.server.port}")
    int port;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void everyFieldIsStoredAndShownAsSent() {
        var created = create(COLORANT);
        var body = json(created);

        assertThat(body.path("technologyField").asString()).isEqualTo("稀土功能材料");
        assertThat(body.path("keywords").toString()).isEqualTo("[\"着色剂\",\"稀土\",\"无镉\"]");
        assertThat(body.path("technologyReadinessLevel").asInt()).isEqualTo(6);
        assertThat(body.path("ipItems").get(0).path("number").asString()).isEqualTo("ZL201710601862.3");
        assertThat(body.path("inventors").get(1).path("name").asString()).isEqualTo("Zhang Wei");
        assertThat(body.path("price").path("kind").asString()).isEqualTo("RANGE");
        assertThat(body.path("price").path("maxYuan").decimalValue()).isEqualByComparingTo("1200000.50");
        assertThat(body.path("askingPriceYuan").isNull()).isTrue();
        assertThat(body.path("regionCode").asString()).isEqualTo("150100");
        assertThat(created.headers().firstValue("ETag")).isEmpty(); // a create is replayable; reads carry the tag
        assertThat(read(body.path("id").asString()).headers().firstValue("ETag")).hasValue("\"0\"");
    }

    @Test
    void aRevisionUnderTheCurrentVersionIsKeptWithWhatChangedAndTheVersionBefore() {
        String id = json(create(COLORANT)).path("id").asString();

        var revised = revise(id, REVISED, "\"0\"");
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        assertThat(revised.headers().firstValue("ETag")).hasValue("\"1\"");
        assertThat(json(revised).path("technologyReadinessLevel").asInt()).isEqualTo(7);

        var revisions = json(http.get(path(id) + "/revisions", IdentityToken.HEADER, imut()));
        assertThat(revisions).hasSize(1);
        assertThat(revisions.get(0).path("changedFields").toString())
                .isEqualTo("[\"keywords\",\"technologyReadinessLevel\"]");
        assertThat(revisions.get(0).path("before").path("technologyReadinessLevel").asInt()).isEqualTo(6);
        assertThat(revisions.get(0).path("actor").asString()).isEqualTo("imut-tto");
    }

    @Test
    void aStaleOrMissingVersionWritesNothing() {
        String id = json(create(COLORANT)).path("id").asString();
        assertThat(revise(id, REVISED, "W/\"0\"").statusCode()).isEqualTo(200);

        assertProblem(revise(id, COLORANT, "\"0\""), 412, "stale-version", "is at version 1, not 0");
        assertProblem(revise(id, COLORANT, null), 428, "if-match-required", "If-Match");
        assertProblem(revise(id, COLORANT, "\"latest\""), 400, "invalid-if-match", "latest");
        assertThat(json(read(id)).path("technologyReadinessLevel").asInt()).isEqualTo(7);
    }

    @Test
    void aListingUnderReviewCannotBeRevisedAndOthersCannotReviseIt() {
        String id = json(create(COLORANT)).path("id").asString();
        assertProblem(http.put(path(id), REVISED, IdentityToken.HEADER, TestIdentities.partner("imu"), "If-Match",
                "\"0\""), 404, "not-found", id);
        http.post(path(id) + "/steps", "{\"action\":\"SUBMIT\"}", IdentityToken.HEADER, imut());

        assertProblem(revise(id, REVISED, "\"1\""), 409, "revision-not-allowed", "SUBMITTED");
    }

    /** Two editors read version 0 and send at once: one revision is kept, the other is told, nothing is merged. */
    @Test
    void twoParallelRevisionsLeaveOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = json(create(COLORANT)).path("id").asString();
            var barrier = new CyclicBarrier(2);
            var first = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return revise(id, REVISED, "\"0\"");
            });
            var second = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return revise(id, COLORANT.replace("稀土功能材料", "颜料"), "\"0\"");
            });

            List<Integer> statuses = List.of(first.get().statusCode(), second.get().statusCode());
            assertThat(statuses).as("round %d", round).contains(200).hasSize(2)
                    .filteredOn(s -> s != 200).singleElement().isIn(409, 412);
            assertThat(json(http.get(path(id) + "/revisions", IdentityToken.HEADER, imut()))).hasSize(1);
        }
    }

    @Test
    void badContentIsA400NamingTheFieldAndWritesNothing() {
        assertProblem(create(COLORANT.replace("ZL201710601862.3", "ZL201710601862.4"), false), 400,
                "invalid-listing", "ipItems[0].number");
        assertProblem(create(COLORANT.replace("\"technologyReadinessLevel\":6", "\"technologyReadinessLevel\":9"),
                false), 400, "invalid-listing", "technologyReadinessLevel");
        assertProblem(create(COLORANT.replace("\"minYuan\":800000", "\"minYuan\":-1"), false), 400,
                "invalid-request", "priceRangeYuan.minYuan");
        assertProblem(create(COLORANT.replace("https://files", "ftp://files"), false), 400, "invalid-listing",
                "attachments[0].url");
        assertProblem(create(COLORANT.replace("\"priceRangeYuan\"", "\"askingPriceYuan\":5,\"priceRangeYuan\""),
                false), 400, "invalid-listing", "not both");
        assertProblem(create(COLORANT.replace("\"LICENCE\",\"DEVELOPMENT\"", "\"LICENCE\",\"CONSULTING\""), false),
                400, "malformed-body", "transferModes");
        assertProblem(create(COLORANT.replace("稀土硫化物着色剂", "稀".repeat(201)), false), 400, "invalid-request",
                "title");
    }

    @Test
    void invalidUtf8IsA400() throws Exception {
        byte[] utf8 = COLORANT.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] broken = new byte[utf8.length + 2];
        int at = COLORANT.indexOf("\"title\":\"") + 9;
        System.arraycopy(utf8, 0, broken, 0, at);
        broken[at] = (byte) 0xC3; // a lead byte followed by no continuation
        broken[at + 1] = (byte) 0x28;
        System.arraycopy(utf8, at, broken, at + 2, utf8.length - at);
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/catalog/achievements"))
                .header("Content-Type", "application/json").header(IdentityToken.HEADER, imut())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    }

    private HttpResponse<String> create(String body) {
        return create(body, true);
    }

    private HttpResponse<String> create(String body, boolean mustSucceed) {
        var created = http.post("/api/v1/catalog/achievements", body, IdentityToken.HEADER, imut(), "Idempotency-Key",
                UUID.randomUUID().toString());
        if (mustSucceed) {
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        }
        return created;
    }

    private HttpResponse<String> read(String id) {
        return http.get(path(id), IdentityToken.HEADER, imut());
    }

    private HttpResponse<String> revise(String id, String body, String ifMatch) {
        return ifMatch == null ? http.put(path(id), body, IdentityToken.HEADER, imut())
                : http.put(path(id), body, IdentityToken.HEADER, imut(), "If-Match", ifMatch);
    }

    private static String path(String id) {
        return "/api/v1/catalog/achievements/" + id;
    }

    private static String imut() {
        return TestIdentities.partner("imut");
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String typeSlug, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        assertThat(json(response).path("detail").asString()).contains(detail);
    }
}
