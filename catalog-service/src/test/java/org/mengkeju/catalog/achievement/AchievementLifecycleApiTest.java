package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;

/** The review workflow through the API: who may take which step, from where, with what note, and what it leaves. */
@ServiceIntegrationTest
class AchievementLifecycleApiTest {

    static final String RARE_EARTH_MOTOR = """
            {"title":"稀土永磁同步电机高效控制技术","summary":"Efficient control for rare-earth permanent-magnet motors.",
             "industryChain":"RARE_EARTHS","maturity":"PILOT","transferModes":["LICENCE"],"askingPriceYuan":2600000}""";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aReturnedListingIsFixedResubmittedAndPublishedAndEveryStepIsInItsHistoryAndOnTheTopic() {
        String id = draft();

        assertThat(step(id, "SUBMIT", null, imut()).statusCode()).isEqualTo(200);
        assertThat(step(id, "TAKE_UP_REVIEW", null, operator()).statusCode()).isEqualTo(200);
        var returned = step(id, "RETURN", "请补充中试检测报告 / please attach the pilot test report", operator());
        assertThat(json(returned).path("status").asString()).isEqualTo("RETURNED");
        assertThat(step(id, "SUBMIT", "报告已补充", imut()).statusCode()).isEqualTo(200);
        var published = http.post(path(id) + "/publish", null, IdentityToken.HEADER, operator());
        assertThat(json(published).path("status").asString()).isEqualTo("PUBLISHED");

        var history = json(http.get(path(id) + "/history", IdentityToken.HEADER, imut()));
        assertThat(history.findValuesAsString("action"))
                .containsExactly("SUBMIT", "TAKE_UP_REVIEW", "RETURN", "SUBMIT", "PUBLISH");
        assertThat(history.get(2).path("note").asString()).startsWith("请补充中试检测报告");
        assertThat(history.get(2).path("actor").asString()).isEqualTo("ops-console");
        assertThat(history.get(4).path("from").asString()).isEqualTo("SUBMITTED");

        var changes = TopicReader.await(kafka, Topics.CATALOG_ACHIEVEMENTS, r -> id.equals(r.key())
                && AchievementChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30), 5);
        assertThat(changes).allSatisfy(r -> assertThat(EventSchemas.violations(AchievementChanged.CONTRACT,
                r.value())).isEmpty());
        List<AchievementChanged> payloads = changes.stream()
                .map(r -> EventJson.read(r.value(), AchievementChanged.class)).toList();
        assertThat(payloads).extracting(AchievementChanged::toStatus)
                .containsExactly("SUBMITTED", "UNDER_REVIEW", "RETURNED", "SUBMITTED", "PUBLISHED");
        assertThat(payloads).extracting(AchievementChanged::version).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(payloads.getLast().askingPriceYuan()).isEqualByComparingTo("2600000");
    }

    @Test
    void onlyOperatorsReviewAndOnlyTheOwnersOfficeSubmits() {
        String id = draft();

        assertProblem(http.post(path(id) + "/publish", null, IdentityToken.HEADER, imut()), 403, "forbidden",
                "only operators review listings");
        assertProblem(step(id, "SUBMIT", null, TestIdentities.partner("imu")), 404, "not-found", id);
        assertThat(step(id, "SUBMIT", null, imut()).statusCode()).isEqualTo(200);
        assertProblem(step(id, "TAKE_UP_REVIEW", null, imut()), 403, "forbidden", "TAKE_UP_REVIEW");
        var ordos = TestIdentities.token(new CallerIdentity("ordos-center", Role.SUB_CENTER, null, "150600"));
        assertProblem(step(id, "REJECT", "duplicate", ordos), 404, "not-found", id);
    }

    @Test
    void aStepFromTheWrongStatusIsA409NamingBothAndANoteIsRequiredWhereItExplainsARefusal() {
        String id = draft();

        assertProblem(http.post(path(id) + "/publish", null, IdentityToken.HEADER, operator()), 409,
                "transition-not-allowed", "PUBLISH is not allowed for a listing that is DRAFT");
        assertProblem(step(id, "WITHDRAW", "  ", imut()), 400, "note-required", "WITHDRAW needs a note");
        assertProblem(http.post(path(id) + "/steps", "{\"action\":\"APPROVE\"}", IdentityToken.HEADER, imut()),
                400, "malformed-body", "action");
        assertProblem(http.post(path(id) + "/steps", "{}", IdentityToken.HEADER, imut()), 400, "invalid-request",
                "action");

        assertThat(json(http.get(path(id), IdentityToken.HEADER, imut())).path("status").asString())
                .isEqualTo("DRAFT");
        assertThat(json(http.get(path(id) + "/history", IdentityToken.HEADER, imut()))).isEmpty();
    }

    @Test
    void aListingUnderNegotiationStaysPublicAndAWithdrawnOneDisappearsFromOthers() {
        String id = draft();
        step(id, "SUBMIT", null, imut());
        http.post(path(id) + "/publish", null, IdentityToken.HEADER, operator());
        var bank = TestIdentities.token(new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "boimc", "150100"));

        assertThat(json(step(id, "START_NEGOTIATION", null, imut())).path("status").asString())
                .isEqualTo("UNDER_NEGOTIATION");
        assertThat(http.get(path(id), IdentityToken.HEADER, bank).statusCode()).isEqualTo(200);
        assertThat(step(id, "WITHDRAW", "技术路线调整 / the team changed its approach", imut()).statusCode())
                .isEqualTo(200);
        assertThat(http.get(path(id), IdentityToken.HEADER, bank).statusCode()).isEqualTo(404);
        assertProblem(step(id, "SUBMIT", null, imut()), 409, "transition-not-allowed", "WITHDRAWN");
    }

    /** Two reviewers decide at the same moment: one decision stands, the other is told, and history has one. */
    @Test
    void concurrentDecisionsOnOneListingLeaveExactlyOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String id = draft();
            step(id, "SUBMIT", null, imut());
            var barrier = new CyclicBarrier(2);
            var publish = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return http.post(path(id) + "/publish", null, IdentityToken.HEADER, operator());
            });
            var reject = CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return step(id, "REJECT", "与已登记成果重复", operator());
            });

            List<Integer> statuses = List.of(publish.get().statusCode(), reject.get().statusCode());
            assertThat(statuses).as("round %d", round).containsExactlyInAnyOrder(200, 409);
            var history = json(http.get(path(id) + "/history", IdentityToken.HEADER, imut()));
            assertThat(history.findValuesAsString("action")).as("round %d", round).hasSize(2).startsWith("SUBMIT");
        }
    }

    private String draft() {
        var created = http.post("/api/v1/catalog/achievements", RARE_EARTH_MOTOR, IdentityToken.HEADER, imut(),
                "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asString();
    }

    private HttpResponse<String> step(String id, String action, String note, String token) {
        String body = note == null ? "{\"action\":\"" + action + "\"}"
                : "{\"action\":\"" + action + "\",\"note\":\"" + note + "\"}";
        return http.post(path(id) + "/steps", body, IdentityToken.HEADER, token);
    }

    private static String path(String id) {
        return "/api/v1/catalog/achievements/" + id;
    }

    private static String imut() {
        return TestIdentities.partner("imut");
    }

    private static String operator() {
        return TestIdentities.operator();
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
