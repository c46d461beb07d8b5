package org.mengkeju.catalog.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.catalog.inquiry.Listings.assertFieldProblem;
import static org.mengkeju.catalog.inquiry.Listings.assertProblem;
import static org.mengkeju.catalog.inquiry.Listings.await;
import static org.mengkeju.catalog.inquiry.Listings.key;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.catalog.inquiry.Listings;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementListedInSession;
import org.mengkeju.events.catalog.ReleaseSessionScheduled;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Release sessions and roadshows through the API: who organises them, what they present, what they brought in. */
@ServiceIntegrationTest
class SessionApiTest {

    static final String SESSIONS = "/api/v1/catalog/sessions";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;
    Listings listings;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        listings = new Listings(port);
    }

    static String baotou() {
        return TestIdentities.token(new CallerIdentity("baotou-sub-center", Role.SUB_CENTER, null, "150200"));
    }

    static String ordos() {
        return TestIdentities.token(new CallerIdentity("ordos-sub-center", Role.SUB_CENTER, null, "150600"));
    }

    static String bank() {
        return TestIdentities.token(new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, "boimc", "150100"));
    }

    static String session(String title, String chain, String date, String place, String region) {
        return """
                {"title":"%s","industryChain":"%s","date":"%s","place":"%s"%s}""".formatted(title, chain, date, place,
                region == null ? "" : ",\"regionCode\":\"" + region + "\"");
    }

    static String nextWeek() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(7).toString();
    }

    @Test
    void anOperatorSchedulesASessionPresentsPublishedListingsOnceEachAndTheEventsLeaveThroughTheOutbox() {
        String key = key();
        String body = session("稀土新材料专场成果发布会", "RARE_EARTHS", "2026-12-08", "包头稀土高新区科技大厦", "150200");
        var scheduled = schedule(body, TestIdentities.operator(), key);
        assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(201);
        String sessionId = json(scheduled).path("sessionId").asString();
        assertThat(scheduled.headers().firstValue("Location")).hasValue(SESSIONS + "/" + sessionId);
        assertThat(json(scheduled).path("date").asString()).isEqualTo("2026-12-08");
        var replayed = schedule(body, TestIdentities.operator(), key);
        assertThat(replayed.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(replayed).path("sessionId").asString()).isEqualTo(sessionId);
        assertProblem(schedule(body.replace("12-08", "12-09"), TestIdentities.operator(), key), 409,
                "idempotency-key-reused", key);

        String owner = Listings.freshInstitution("cas-baotou");
        String colorant = listings.published(owner, "稀土硫化物着色剂");
        assertThat(present(sessionId, colorant, TestIdentities.operator()).statusCode()).isEqualTo(200);
        var again = present(sessionId, colorant, TestIdentities.operator());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("programme")).hasSize(1);
        assertThat(json(again).path("programme").get(0).path("ownerInstitutionId").asString()).isEqualTo(owner);

        var read = http.get(SESSIONS + "/" + sessionId, IdentityToken.HEADER, TestIdentities.partner("imut"));
        assertThat(read.statusCode()).as("sessions are public").isEqualTo(200);
        assertThat(json(read).path("programme").findValuesAsString("achievementId")).containsExactly(colorant);
        assertThat(json(read).path("place").asString()).isEqualTo("包头稀土高新区科技大厦");

        var events = TopicReader.await(kafka, Topics.CATALOG_SESSIONS, r -> sessionId.equals(r.key()),
                Duration.ofSeconds(30), 2);
        assertThat(events).extracting(r -> TopicReader.header(r, CloudEventHeaders.TYPE)).containsExactly(
                ReleaseSessionScheduled.CONTRACT.type(), AchievementListedInSession.CONTRACT.type());
        assertThat(EventSchemas.violations(ReleaseSessionScheduled.CONTRACT, events.get(0).value())).isEmpty();
        assertThat(EventSchemas.violations(AchievementListedInSession.CONTRACT, events.get(1).value())).isEmpty();
        assertThat(EventJson.read(events.get(0).value(), ReleaseSessionScheduled.class).date())
                .isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(EventJson.read(events.get(1).value(), AchievementListedInSession.class).achievementId())
                .isEqualTo(colorant);
    }

    @Test
    void aSubCenterOrganisesTheSessionsOfItsOwnLeagueCityOnlyAndNobodyElseOrganises() {
        var own = schedule(session("包头装备制造路演", "EQUIPMENT_MANUFACTURING", nextWeek(), "包头市会展中心", null),
                baotou(), key());
        assertThat(own.statusCode()).as(own.body()).isEqualTo(201);
        assertThat(json(own).path("regionCode").asString()).isEqualTo("150200");
        String sessionId = json(own).path("sessionId").asString();

        assertProblem(schedule(session("鄂尔多斯煤化工路演", "COAL_CHEMICALS", nextWeek(), "康巴什", "150600"), baotou(),
                key()), 403, "forbidden", "150200 only");
        assertProblem(schedule(session("路演", "DAIRY", nextWeek(), "呼和浩特", null), TestIdentities.partner("imut"),
                key()), 403, "forbidden", "only operators and sub-centers");
        assertProblem(schedule(session("路演", "DAIRY", nextWeek(), "呼和浩特", null), bank(), key()), 403,
                "forbidden", "only operators and sub-centers");

        String robot = listings.published(Listings.freshInstitution("baotou-steel"), "高炉泥炮自动装炮泥机器人");
        assertProblem(present(sessionId, robot, ordos()), 403, "forbidden", "150200");
        assertProblem(present(sessionId, robot, TestIdentities.partner("imut")), 403, "forbidden", sessionId);
        assertThat(present(sessionId, robot, baotou()).statusCode()).isEqualTo(200);

        assertThat(http.get(results(sessionId), IdentityToken.HEADER, baotou()).statusCode()).isEqualTo(200);
        assertThat(http.get(results(sessionId), IdentityToken.HEADER, TestIdentities.operator()).statusCode())
                .isEqualTo(200);
        assertProblem(http.get(results(sessionId), IdentityToken.HEADER, ordos()), 403, "forbidden", sessionId);
        assertProblem(http.get(results(sessionId), IdentityToken.HEADER, TestIdentities.partner("imut")), 403,
                "forbidden", sessionId);

        var regionWide = schedule(session("全区科技成果发布会", "NEW_MATERIALS", nextWeek(), "呼和浩特", null),
                TestIdentities.operator(), key());
        assertThat(json(regionWide).path("regionCode").isNull()).isTrue();
        assertProblem(present(json(regionWide).path("sessionId").asString(), robot, baotou()), 403, "forbidden",
                "operators");
    }

    @Test
    void onlyListingsOnOfferArePresentedAndARefusalNamesTheStatus() {
        String sessionId = json(schedule(session("能源专场", "ENERGY", nextWeek(), "鄂尔多斯", "150600"),
                TestIdentities.operator(), key())).path("sessionId").asString();
        String owner = Listings.freshInstitution("imut");

        String draft = listings.draft(owner, "风光储一体化调度");
        assertProblem(present(sessionId, draft, TestIdentities.operator()), 409, "achievement-not-on-offer", "DRAFT");
        assertProblem(present(sessionId, draft, ordos()), 404, "not-found", draft);
        String transacted = listings.published(owner, "煤基固废低碳利用技术");
        listings.took(transacted, "TRANSACT", null, TestIdentities.operator());
        assertProblem(present(sessionId, transacted, TestIdentities.operator()), 409, "achievement-not-on-offer",
                "TRANSACTED");
        String withdrawn = listings.published(owner, "氢能储运");
        listings.took(withdrawn, "WITHDRAW", "专利转让他方", TestIdentities.partner(owner));
        assertProblem(present(sessionId, withdrawn, TestIdentities.operator()), 409, "achievement-not-on-offer",
                "WITHDRAWN");
        assertProblem(present(sessionId, "ach-0000000000000000", TestIdentities.operator()), 404, "not-found",
                "ach-0000000000000000");
        String negotiating = listings.published(owner, "储能电池热管理");
        listings.took(negotiating, "START_NEGOTIATION", null, TestIdentities.partner(owner));
        assertThat(present(sessionId, negotiating, TestIdentities.operator()).statusCode()).isEqualTo(200);
        assertProblem(present("ses-000000000000-00000000", negotiating, TestIdentities.operator()), 404,
                "not-found", "ses-000000000000-00000000");

        assertThat(json(http.get(SESSIONS + "/" + sessionId, IdentityToken.HEADER, TestIdentities.operator()))
                .path("programme").findValuesAsString("achievementId")).containsExactly(negotiating);
    }

    @Test
    void thePublicSeesThePresentedListingsThatArePublicNow() {
        String sessionId = json(schedule(session("装备制造专场", "EQUIPMENT_MANUFACTURING", nextWeek(), "包头", "150200"),
                TestIdentities.operator(), key())).path("sessionId").asString();
        String owner = Listings.freshInstitution("baotou-steel");
        String robot = listings.published(owner, "高炉泥炮自动装炮泥机器人");
        String radar = listings.published(owner, "微变雷达");
        String sold = listings.published(owner, "稀土永磁电机");
        for (String id : List.of(robot, radar, sold)) {
            present(sessionId, id, TestIdentities.operator());
        }
        listings.took(radar, "WITHDRAW", "团队调整", TestIdentities.partner(owner));
        listings.took(sold, "TRANSACT", null, TestIdentities.operator());

        var presented = http.get(SESSIONS + "/" + sessionId + "/achievements", IdentityToken.HEADER, bank());
        assertThat(presented.statusCode()).as(presented.body()).isEqualTo(200);
        assertThat(json(presented).path("items").findValuesAsString("achievementId")).containsExactly(robot, sold);
        assertThat(json(presented).path("items").findValuesAsString("status")).containsExactly("PUBLISHED",
                "TRANSACTED");
        assertThat(json(presented).path("items").get(0).path("title").asString()).isEqualTo("高炉泥炮自动装炮泥机器人");
        assertThat(json(http.get(results(sessionId), IdentityToken.HEADER, TestIdentities.operator()))
                .path("achievementsPresented").asInt()).as("the organisers still count it").isEqualTo(3);
        assertProblem(http.get(SESSIONS + "/ses-000000000000-00000000/achievements", IdentityToken.HEADER, bank()),
                404, "not-found", "ses-000000000000-00000000");
    }

    @Test
    void aSessionCountsTheInquiriesThatNamedItAndTheDealsThatFollowed() {
        String sessionId = json(schedule(session("乳业种业专场路演", "DAIRY", nextWeek(), "呼和浩特市金桥开发区", "150100"),
                TestIdentities.operator(), key())).path("sessionId").asString();
        String owner = Listings.freshInstitution("imau");
        String sheep = listings.published(owner, "杜蒙羊");
        String wheat = listings.published(owner, "巴麦13号");
        String probiotic = listings.published(owner, "乳酸菌发酵剂");
        String notPresented = listings.published(owner, "苜蓿新品种");
        for (String id : List.of(sheep, wheat, probiotic)) {
            assertThat(present(sessionId, id, TestIdentities.operator()).statusCode()).isEqualTo(200);
        }
        String fromSession = "{\"question\":\"现场看到的，请报价。\",\"sessionId\":\"" + sessionId + "\"}";

        assertThat(ask(sheep, fromSession, bank()).statusCode()).isEqualTo(201);
        assertThat(ask(sheep, fromSession, TestIdentities.partner("imut")).statusCode()).isEqualTo(201);
        assertThat(ask(wheat, fromSession, bank()).statusCode()).isEqualTo(201);
        assertThat(ask(sheep, "{\"question\":\"网上看到的，请报价。\"}", bank()).statusCode()).as("not from the session")
                .isEqualTo(201);
        assertProblem(ask(notPresented, fromSession, bank()), 409, "not-in-session", notPresented);

        listings.took(sheep, "TRANSACT", null, TestIdentities.operator());
        listings.took(wheat, "START_NEGOTIATION", null, TestIdentities.partner(owner));

        var response = http.get(results(sessionId), IdentityToken.HEADER, TestIdentities.operator());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response);
        assertThat(results.path("achievementsPresented").asInt()).isEqualTo(3);
        assertThat(results.path("inquiriesReceived").asLong()).isEqualTo(3);
        assertThat(results.path("dealsFollowed").asLong()).isEqualTo(1);
        assertThat(results.path("underNegotiation").asLong()).isEqualTo(1);
        assertThat(results.path("achievements").findValuesAsString("achievementId"))
                .containsExactly(sheep, wheat, probiotic);
        List<Long> perAchievement = new ArrayList<>();
        results.path("achievements").forEach(row -> perAchievement.add(row.path("inquiries").asLong()));
        assertThat(perAchievement).containsExactly(2L, 1L, 0L);
        assertThat(results.path("achievements").findValuesAsString("status"))
                .containsExactly("TRANSACTED", "UNDER_NEGOTIATION", "PUBLISHED");
    }

    @Test
    void badInputIsA400NamingTheFieldAndNothingIsScheduled() throws Exception {
        String title = "坏输入 " + UUID.randomUUID();
        assertFieldProblem(schedule("{\"industryChain\":\"DAIRY\",\"date\":\"2026-12-08\",\"place\":\"包头\"}",
                TestIdentities.operator(), key()), "title");
        assertFieldProblem(schedule(session(title, "DAIRY", "2026-12-08", " ", null), TestIdentities.operator(),
                key()), "place");
        assertFieldProblem(schedule(session(title, "STEEL", "2026-12-08", "包头", null), TestIdentities.operator(),
                key()), "industryChain");
        assertFieldProblem(schedule(session(title, "DAIRY", "next tuesday", "包头", null), TestIdentities.operator(),
                key()), "date");
        assertFieldProblem(schedule(session(title, "DAIRY", "2026-02-30", "包头", null), TestIdentities.operator(),
                key()), "date");
        assertFieldProblem(schedule(session(title, "DAIRY", "2026-12-08", "包头", null).replace("\"2026-12-08\"",
                "20261208"), TestIdentities.operator(), key()), "date");
        assertProblem(schedule(session(title, "DAIRY", "2099-12-08", "包头", null), TestIdentities.operator(), key()),
                400, "invalid-date", "2099-12-08");
        assertProblem(schedule(session(title, "DAIRY", "1999-12-08", "包头", null), TestIdentities.operator(), key()),
                400, "invalid-date", "1999-12-08");
        assertFieldProblem(schedule(session(title, "DAIRY", "2026-12-08", "包头", "ordos"), TestIdentities.operator(),
                key()), "regionCode");
        assertProblem(schedule(session(title, "DAIRY", "2026-12-08", "包头", "151000"), TestIdentities.operator(),
                key()), 400, "invalid-region", "151000");
        assertFieldProblem(schedule(session("标".repeat(201), "DAIRY", "2026-12-08", "包头", null),
                TestIdentities.operator(), key()), "title");
        String huge = listings.rawPost(SESSIONS, TestIdentities.operator(), key(), Listings.hugeJson("title", 5));
        assertThat(huge).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("body-too-large");

        var all = http.get(SESSIONS + "?limit=200", IdentityToken.HEADER, TestIdentities.operator());
        assertThat(all.body()).doesNotContain(title);
        assertFieldProblem(http.get(SESSIONS + "?chain=STEEL", IdentityToken.HEADER, TestIdentities.operator()),
                "chain");
        assertFieldProblem(http.get(SESSIONS + "?after=ses-1", IdentityToken.HEADER, TestIdentities.operator()),
                "after");
    }

    @Test
    void organisersPresentingAtOnceAllGetTheirListingsOnTheProgramme() throws Exception {
        String sessionId = json(schedule(session("生物医药专场", "BIOMEDICINE", nextWeek(), "呼和浩特", null),
                TestIdentities.operator(), key())).path("sessionId").asString();
        String owner = Listings.freshInstitution("imu");
        List<String> achievements = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            achievements.add(listings.published(owner, "蒙药制剂 " + i));
        }
        var barrier = new CyclicBarrier(achievements.size());
        List<CompletableFuture<HttpResponse<String>>> calls = achievements.stream()
                .map(id -> CompletableFuture.supplyAsync(() -> {
                    await(barrier);
                    return present(sessionId, id, TestIdentities.operator());
                })).toList();
        for (var call : calls) {
            assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
        }

        var programme = json(http.get(SESSIONS + "/" + sessionId, IdentityToken.HEADER, TestIdentities.operator()))
                .path("programme");
        assertThat(programme.findValuesAsString("achievementId")).containsExactlyInAnyOrderElementsOf(achievements);
        var listed = TopicReader.await(kafka, Topics.CATALOG_SESSIONS, r -> sessionId.equals(r.key())
                && AchievementListedInSession.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30), 8);
        assertThat(listed).hasSize(8);
    }

    @Test
    void sessionsArePagedInTheOrderTheyWereScheduledByChain() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(json(schedule(session("低空经济路演 " + i, "LOW_ALTITUDE_ECONOMY", nextWeek(), "呼和浩特", null),
                    TestIdentities.operator(), key())).path("sessionId").asString());
        }

        var first = http.get(SESSIONS + "?chain=LOW_ALTITUDE_ECONOMY&limit=2", IdentityToken.HEADER, bank());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).path("items").findValuesAsString("sessionId")).containsExactlyElementsOf(
                ids.subList(0, 2));
        var second = http.get(SESSIONS + "?chain=LOW_ALTITUDE_ECONOMY&limit=2&after="
                + json(first).path("next").asString(), IdentityToken.HEADER, bank());
        assertThat(json(second).path("items").findValuesAsString("sessionId")).containsExactly(ids.get(2));
        assertThat(json(second).path("next").isNull() || json(second).path("next").isMissingNode()).isTrue();
        assertThat(http.get(SESSIONS + "?limit=201", IdentityToken.HEADER, bank()).statusCode()).isEqualTo(400);
    }

    // ---- calls

    private HttpResponse<String> schedule(String body, String token, String key) {
        return http.post(SESSIONS, body, IdentityToken.HEADER, token, "Idempotency-Key", key);
    }

    private HttpResponse<String> present(String sessionId, String achievementId, String token) {
        return listings.put(SESSIONS + "/" + sessionId + "/achievements/" + achievementId, token);
    }

    private HttpResponse<String> ask(String achievementId, String body, String token) {
        return http.post("/api/v1/catalog/achievements/" + achievementId + "/inquiries", body, IdentityToken.HEADER,
                token, "Idempotency-Key", key());
    }

    private static String results(String sessionId) {
        return SESSIONS + "/" + sessionId + "/results";
    }
}
