package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

@ServiceIntegrationTest
class AchievementApiTest {

    static final String CORN_HUSK_FEED = """
            {"title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; raised profit to 1048 yuan per tonne of husk.",
             "industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["LICENCE","ASSIGNMENT"],"askingPriceYuan":1500000.00}""";

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

    String[] asImut(String idempotencyKey) {
        return new String[] {IdentityToken.HEADER, TestIdentities.partner("imut"), "Idempotency-Key", idempotencyKey};
    }

    @Test
    void aPartnerDraftsAndSubmitsAnOperatorPublishesAndTheEventLeavesThroughTheOutboxMatchingItsSchema() {
        var created = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, asImut(key()));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json(created).path("id").asString();
        assertThat(json(created).path("status").asString()).isEqualTo("DRAFT");
        assertThat(json(created).path("ownerInstitutionId").asString()).isEqualTo("imut");
        assertThat(json(created).path("askingPriceYuan").decimalValue()).isEqualByComparingTo("1500000.00");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/catalog/achievements/" + id);

        var submitted = http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}",
                IdentityToken.HEADER, TestIdentities.partner("imut"));
        assertThat(json(submitted).path("status").asString()).isEqualTo("SUBMITTED");
        var published = http.post("/api/v1/catalog/achievements/" + id + "/publish", null,
                IdentityToken.HEADER, TestIdentities.operator(), "X-Request-Id", "req-ops-0001");
        assertThat(published.statusCode()).isEqualTo(200);
        assertThat(json(published).path("status").asString()).isEqualTo("PUBLISHED");

        List<ConsumerRecord<String, String>> records = TopicReader.await(kafka, Topics.CATALOG_ACHIEVEMENTS,
                r -> id.equals(r.key()) && AchievementPublished.CONTRACT.type().equals(
                        TopicReader.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(AchievementPublished.CONTRACT.type());
        assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/mengkeju/catalog-service");
        assertThat(TopicReader.header(record, CloudEventHeaders.REQUEST_ID)).isEqualTo("req-ops-0001");
        assertThat(EventSchemas.violations(AchievementPublished.CONTRACT, record.value())).isEmpty();
        assertThat(json(published).path("publishedAt").asString())
                .isEqualTo(TopicReader.header(record, CloudEventHeaders.TIME));
        await().atMost(Duration.ofSeconds(10)).until(() -> mongo.findById(id, org.bson.Document.class, "achievements")
                .getList("pendingEvents", Object.class).isEmpty());
    }

    @Test
    void publishingTwiceIsHarmlessAndRecordsOneEvent() {
        String id = json(http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, asImut(key()))).path("id").asString();
        http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}",
                IdentityToken.HEADER, TestIdentities.partner("imut"));
        http.post("/api/v1/catalog/achievements/" + id + "/publish", null, IdentityToken.HEADER, TestIdentities.operator());
        var again = http.post("/api/v1/catalog/achievements/" + id + "/publish", null,
                IdentityToken.HEADER, TestIdentities.operator());

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("version").asLong()).as("created 0, submitted 1, published 2").isEqualTo(2L);
    }

    @Test
    void aRetriedCreateReturnsTheFirstResultAndAReusedKeyWithADifferentBodyIsRefused() {
        String key = key();
        var first = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, asImut(key));
        var retry = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, asImut(key));
        var different = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED.replace("1500000.00", "900000"),
                asImut(key));

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(json(retry).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(different.statusCode()).isEqualTo(409);
        assertThat(json(different).path("type").asString()).endsWith("/idempotency-key-reused");
        assertThat(mongo.count(new org.springframework.data.mongodb.core.query.Query(
                org.springframework.data.mongodb.core.query.Criteria.where("idempotencyKey").is(key)), "achievements"))
                .isEqualTo(1);
    }

    @Test
    void malformedJsonIsA400ProblemAndWritesNothing() {
        long before = mongo.getCollection("achievements").countDocuments();
        var response = http.post("/api/v1/catalog/achievements", "{\"title\": \"微变雷达\", ", asImut(key()));

        assertProblem(response, 400, "malformed-body", "malformed JSON");
        assertThat(mongo.getCollection("achievements").countDocuments()).isEqualTo(before);
    }

    @Test
    void aFieldOfTheWrongTypeIsA400NamingTheField() {
        var response = http.post("/api/v1/catalog/achievements",
                CORN_HUSK_FEED.replace("1500000.00", "\"one and a half million\""), asImut(key()));

        assertProblem(response, 400, "malformed-body", "askingPriceYuan");
    }

    @Test
    void anUnknownEnumValueIsA400ListingTheAllowedValues() {
        var response = http.post("/api/v1/catalog/achievements",
                CORN_HUSK_FEED.replace("INDUSTRIALISED", "MASS_PRODUCTION"), asImut(key()));

        assertProblem(response, 400, "malformed-body", "maturity");
        assertThat(json(response).path("detail").asString()).contains("PILOT");
    }

    @Test
    void anUnknownFieldIsA400NamingIt() {
        var response = http.post("/api/v1/catalog/achievements",
                CORN_HUSK_FEED.replace("\"title\"", "\"patentNo\":\"ZL2021\",\"title\""), asImut(key()));

        assertProblem(response, 400, "malformed-body", "patentNo");
    }

    @Test
    void violatedFieldRulesAreA400ListingEachField() {
        var response = http.post("/api/v1/catalog/achievements",
                "{\"title\":\" \",\"industryChain\":\"RARE_EARTHS\",\"transferModes\":[]}", asImut(key()));

        assertProblem(response, 400, "invalid-request", "title");
        assertThat(json(response).path("errors").findValuesAsString("field"))
                .contains("title", "maturity", "transferModes");
    }

    @Test
    void aMissingIdempotencyKeyIsA400() {
        var response = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED,
                IdentityToken.HEADER, TestIdentities.partner("imut"));

        assertProblem(response, 400, "http-400", "Idempotency-Key");
    }

    @Test
    void aRequestWithoutAVerifiedIdentityIsRefusedWith401() {
        var none = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, "Idempotency-Key", key());
        var forged = http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED,
                IdentityToken.HEADER, "v2." + TestIdentities.KEY_ID + ".eyJzdWIiOiJ4In0.c2lnbmF0dXJl", "Idempotency-Key", key());

        assertProblem(none, 401, "unauthenticated", "no verified identity");
        assertProblem(forged, 401, "unauthenticated", "signature");
    }

    @Test
    void aPartnerCannotListForAnotherInstitutionNorSeeItsDrafts() {
        var foreign = http.post("/api/v1/catalog/achievements",
                CORN_HUSK_FEED.replace("\"title\"", "\"ownerInstitutionId\":\"imu\",\"title\""), asImut(key()));
        String draftId = json(http.post("/api/v1/catalog/achievements", CORN_HUSK_FEED, asImut(key())))
                .path("id").asString();
        var peek = http.get("/api/v1/catalog/achievements/" + draftId,
                IdentityToken.HEADER, TestIdentities.partner("imu"));

        assertProblem(foreign, 403, "forbidden", "imut");
        assertProblem(peek, 404, "not-found", draftId);
    }

    @Test
    void everyResponseCarriesTheRequestId() {
        var offered = http.get("/api/v1/catalog/achievements/ach-none", IdentityToken.HEADER,
                TestIdentities.operator(), "X-Request-Id", "req-ordos-20261122");
        var generated = http.get("/api/v1/catalog/achievements/ach-none", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(offered.headers().firstValue("X-Request-Id")).hasValue("req-ordos-20261122");
        assertThat(json(offered).path("requestId").asString()).isEqualTo("req-ordos-20261122");
        assertThat(generated.headers().firstValue("X-Request-Id")).hasValueSatisfying(v -> assertThat(v).hasSize(36));
    }

    @Test
    void theOutboxBacklogIsAMetricAndTheApiIsDocumented() {
        assertThat(http.get("/actuator/prometheus").body()).contains("mengkeju_outbox_pending");
        assertThat(json(http.get("/v3/api-docs")).path("paths").has("/api/v1/catalog/achievements/{id}/publish"))
                .isTrue();
    }

    private static void assertProblem(java.net.http.HttpResponse<String> response, int status, String typeSlug,
            String detailMentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        var body = json(response);
        assertThat(body.path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("detail").asString()).contains(detailMentions);
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
