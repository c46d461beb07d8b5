package org.mengkeju.matching.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.matching.DemandPosted;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

@ServiceIntegrationTest
class DemandApiTest {

    static final String CERIUM_RECOVERY = """
            {"title":"稀土抛光粉废料中铈的回收提纯",
             "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
             "industryChain":"RARE_EARTHS","field":"稀土冶炼分离","regionCode":"150200",
             "budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,"transferModes":["LICENCE","DEVELOPMENT"],
             "wantedMaturity":"PILOT","deadline":"2027-06-30","contact":{"name":"王工","phone":"0472-5123456"}}""";
    static final String BAOTOU_BROKER = TestIdentities.token(
            new CallerIdentity("nmg-broker-0412", Role.BROKER, null, "150200"));
    static final String ORDOS_BROKER = TestIdentities.token(
            new CallerIdentity("nmg-broker-0907", Role.BROKER, null, "150600"));

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MongoTemplate mongo;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void anEnterprisePostsForItsOwnInstitutionAndTheEventLeavesThroughTheOutbox() {
        String owner = enterprise();
        var posted = http.post("/api/v1/matching/demands", CERIUM_RECOVERY, as(owner, key()));

        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(201);
        String id = json(posted).path("id").asString();
        assertThat(json(posted).path("ownerInstitutionId").asString()).isEqualTo(owner);
        assertThat(json(posted).path("status").asString()).isEqualTo("OPEN");
        assertThat(json(posted).path("budgetMaxYuan").decimalValue()).isEqualByComparingTo("2000000.00");
        assertThat(json(posted).path("expiresAt").asString()).isEqualTo("2027-06-30T16:00:00Z");
        assertThat(json(posted).path("contact").path("phone").asString()).isEqualTo("0472-5123456");
        assertThat(posted.headers().firstValue("Location")).hasValue("/api/v1/matching/demands/" + id);

        var records = TopicReader.await(kafka, Topics.MATCHING_DEMANDS, r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(DemandPosted.CONTRACT.type());
            assertThat(EventSchemas.violations(DemandPosted.CONTRACT, record.value())).isEmpty();
            assertThat(EventJson.read(record.value(), DemandPosted.class).ownerInstitutionId()).isEqualTo(owner);
        });
    }

    @Test
    void aRetriedPostReturnsTheFirstDemandAndAReusedKeyWithAnotherBodyIsRefused() {
        String owner = enterprise();
        String key = key();
        var first = http.post("/api/v1/matching/demands", CERIUM_RECOVERY, as(owner, key));
        var retry = http.post("/api/v1/matching/demands", CERIUM_RECOVERY, as(owner, key));
        var other = http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("2000000.00", "3000000"),
                as(owner, key));

        assertThat(json(retry).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(other, 409, "idempotency-key-reused", key);
        assertThat(mongo.count(Query.query(Criteria.where("ownerInstitutionId").is(owner)), "demands")).isEqualTo(1);
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        String owner = enterprise();

        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("500000.00", "-1"),
                as(owner, key())), 400, "invalid-request", "budgetMinYuan");
        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("500000.00", "5000000"),
                as(owner, key())), 400, "invalid-budget", "budgetMinYuan");
        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("2027-06-30", "2020-01-01"),
                as(owner, key())), 400, "deadline-past", "deadline");
        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("2027-06-30", "2027-02-30"),
                as(owner, key())), 400, "malformed-body", "deadline");
        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("150200", "159900"),
                as(owner, key())), 400, "invalid-region", "regionCode");
        assertProblem(http.post("/api/v1/matching/demands", CERIUM_RECOVERY.replace("\"DEVELOPMENT\"", "\"GIFT\""),
                as(owner, key())), 400, "malformed-body", "transferModes");
        assertProblem(http.post("/api/v1/matching/demands",
                CERIUM_RECOVERY.replace(",\"contact\":{\"name\":\"王工\",\"phone\":\"0472-5123456\"}", ""),
                as(owner, key())), 400, "invalid-request", "contact");
        assertThat(mongo.count(Query.query(Criteria.where("ownerInstitutionId").is(owner)), "demands")).isZero();
    }

    @Test
    void aPartnerCannotPostForAnotherInstitutionAndABrokerCannotPostAtAll() {
        var foreign = http.post("/api/v1/matching/demands",
                CERIUM_RECOVERY.replace("\"title\"", "\"ownerInstitutionId\":\"imust\",\"title\""),
                as(enterprise(), key()));
        var broker = http.post("/api/v1/matching/demands", CERIUM_RECOVERY,
                IdentityToken.HEADER, BAOTOU_BROKER, "Idempotency-Key", key());

        assertProblem(foreign, 403, "forbidden", "imust");
        assertProblem(broker, 403, "forbidden", "BROKER");
    }

    @Test
    void aBrokerOfTheLeagueCityRefinesAndTheStepIsAnEventWithTheRefinedDemand() {
        String owner = enterprise();
        String id = post(owner);
        String refine = """
                {"decision":"REFINED","note":"含铈约35%，优先湿法回收","title":"稀土抛光粉废料中铈的湿法回收提纯"}""";

        var byOwner = http.post("/api/v1/matching/demands/" + id + "/triage", refine,
                IdentityToken.HEADER, TestIdentities.partner(owner));
        var byOrdos = http.post("/api/v1/matching/demands/" + id + "/triage", refine,
                IdentityToken.HEADER, ORDOS_BROKER);
        var byBaotou = http.post("/api/v1/matching/demands/" + id + "/triage", refine,
                IdentityToken.HEADER, BAOTOU_BROKER);

        assertProblem(byOwner, 403, "forbidden", "broker");
        assertProblem(byOrdos, 403, "forbidden", "150200");
        assertThat(byBaotou.statusCode()).as(byBaotou.body()).isEqualTo(200);
        assertThat(json(byBaotou).path("triage").asString()).isEqualTo("REFINED");
        assertThat(json(byBaotou).path("title").asString()).isEqualTo("稀土抛光粉废料中铈的湿法回收提纯");
        var steps = TopicReader.await(kafka, Topics.MATCHING_DEMANDS, r -> id.equals(r.key())
                && DemandStatusChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30));
        assertThat(steps).singleElement().satisfies(r -> {
            assertThat(EventSchemas.violations(DemandStatusChanged.CONTRACT, r.value())).isEmpty();
            DemandStatusChanged step = EventJson.read(r.value(), DemandStatusChanged.class);
            assertThat(step.action()).isEqualTo("REFINE");
            assertThat(step.actor()).isEqualTo("nmg-broker-0412");
            assertThat(step.version()).isEqualTo(1);
        });
    }

    @Test
    void aDemandSentBackIsRevisedByItsEnterpriseAndReturnsToTheBrokersUntriaged() {
        String owner = enterprise();
        String id = post(owner);
        http.post("/api/v1/matching/demands/" + id + "/triage", "{\"decision\":\"SENT_BACK\",\"note\":\"成分不明\"}",
                IdentityToken.HEADER, BAOTOU_BROKER);
        String revision = "{\"problem\":\"废料含氧化铈约35%，其余为氧化铝和硅\",\"budgetMaxYuan\":2500000}";

        var byBroker = patch("/api/v1/matching/demands/" + id, revision, BAOTOU_BROKER);
        var byOwner = patch("/api/v1/matching/demands/" + id, revision, TestIdentities.partner(owner));
        var reversed = patch("/api/v1/matching/demands/" + id, "{\"budgetMinYuan\":9000000}",
                TestIdentities.partner(owner));

        assertProblem(byBroker, 403, "forbidden", "triage");
        assertThat(byOwner.statusCode()).as(byOwner.body()).isEqualTo(200);
        assertThat(json(byOwner).path("triage").isNull()).isTrue();
        assertThat(json(byOwner).path("budgetMaxYuan").decimalValue()).isEqualByComparingTo("2500000");
        assertThat(json(byOwner).path("problem").asString()).contains("氧化铝");
        assertProblem(reversed, 400, "invalid-budget", "budgetMinYuan");
    }

    @Test
    void aTextChangeWithAVerdictOtherThanRefinedIsRefused() {
        String id = post(enterprise());

        var response = http.post("/api/v1/matching/demands/" + id + "/triage",
                "{\"decision\":\"SENT_BACK\",\"title\":\"新标题\"}", IdentityToken.HEADER, BAOTOU_BROKER);

        assertProblem(response, 400, "invalid-refinement", "decision");
    }

    @Test
    void openThenMatchedThenClosedAndAClosedDemandIsHiddenFromOtherInstitutions() {
        String owner = enterprise();
        String id = post(owner);
        String path = "/api/v1/matching/demands/" + id + "/status";

        var matched = put(path, "{\"status\":\"MATCHED\",\"note\":\"与内蒙古科技大学对接\"}", BAOTOU_BROKER);
        var again = put(path, "{\"status\":\"MATCHED\"}", BAOTOU_BROKER);
        var closed = put(path, "{\"status\":\"CLOSED\",\"note\":\"许可合同已签订\"}", TestIdentities.partner(owner));
        var reopened = put(path, "{\"status\":\"OPEN\"}", TestIdentities.operator());
        var expired = put(path, "{\"status\":\"EXPIRED\"}", TestIdentities.operator());

        assertThat(json(matched).path("status").asString()).isEqualTo("MATCHED");
        assertThat(json(again).path("version").asLong()).isEqualTo(json(matched).path("version").asLong());
        assertThat(json(closed).path("status").asString()).isEqualTo("CLOSED");
        assertProblem(reopened, 409, "demand-status-not-allowed", "CLOSED");
        assertProblem(expired, 409, "demand-status-not-allowed", "expiry");
        assertProblem(http.get("/api/v1/matching/demands/" + id, IdentityToken.HEADER,
                TestIdentities.partner("imust")), 404, "not-found", id);
        assertThat(json(http.get("/api/v1/matching/demands/" + id, IdentityToken.HEADER,
                TestIdentities.partner(owner))).path("status").asString()).isEqualTo("CLOSED");
    }

    @Test
    void anotherInstitutionSeesAnOpenDemandWithoutItsContact() {
        String id = post(enterprise());

        var asUniversity = json(http.get("/api/v1/matching/demands/" + id, IdentityToken.HEADER,
                TestIdentities.partner("imust")));
        var asBroker = json(http.get("/api/v1/matching/demands/" + id, IdentityToken.HEADER, BAOTOU_BROKER));

        assertThat(asUniversity.path("title").asString()).isEqualTo("稀土抛光粉废料中铈的回收提纯");
        assertThat(asUniversity.path("contact").isNull()).isTrue();
        assertThat(asBroker.path("contact").path("name").asString()).isEqualTo("王工");
    }

    @Test
    void theListShowsOthersOnlyOpenDemandsAndPagesByCursor() {
        String owner = enterprise();
        String open1 = post(owner);
        String open2 = post(owner);
        String closed = post(owner);
        put("/api/v1/matching/demands/" + closed + "/status", "{\"status\":\"CLOSED\"}", TestIdentities.partner(owner));

        var mine = json(http.get("/api/v1/matching/demands?limit=200", IdentityToken.HEADER,
                TestIdentities.partner(owner)));
        var theirs = json(http.get("/api/v1/matching/demands?limit=200", IdentityToken.HEADER,
                TestIdentities.partner("imust")));
        var firstPage = json(http.get("/api/v1/matching/demands?limit=1&status=OPEN&industryChain=RARE_EARTHS",
                IdentityToken.HEADER, TestIdentities.operator()));

        assertThat(mine.path("items").findValuesAsString("id")).contains(open1, open2, closed);
        assertThat(theirs.path("items").findValuesAsString("id")).contains(open1, open2).doesNotContain(closed);
        assertThat(firstPage.path("items")).hasSize(1);
        String next = firstPage.path("next").asString();
        var secondPage = json(http.get("/api/v1/matching/demands?limit=1&status=OPEN&after=" + next,
                IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(secondPage.path("items").get(0).path("id").asString()).isGreaterThan(next);
        assertProblem(http.get("/api/v1/matching/demands?limit=0", IdentityToken.HEADER, TestIdentities.operator()),
                400, null, "limit");
    }

    private String post(String owner) {
        var response = http.post("/api/v1/matching/demands", CERIUM_RECOVERY, as(owner, key()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private HttpResponse<String> put(String path, String body, String identity) {
        return send("PUT", path, body, identity);
    }

    private HttpResponse<String> patch(String path, String body, String identity) {
        return send("PATCH", path, body, identity);
    }

    private HttpResponse<String> send(String method, String path, String body, String identity) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header(IdentityToken.HEADER, identity).header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static String[] as(String owner, String idempotencyKey) {
        return new String[] {IdentityToken.HEADER, TestIdentities.partner(owner), "Idempotency-Key", idempotencyKey};
    }

    static String enterprise() {
        return "ent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }

    static void assertProblem(HttpResponse<String> response, int status, String typeSlug, String detailMentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        if (typeSlug != null) {
            assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        }
        assertThat(response.body()).contains(detailMentions);
    }
}
