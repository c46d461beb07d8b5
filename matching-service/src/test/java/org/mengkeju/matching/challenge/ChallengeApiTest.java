package org.mengkeju.matching.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class ChallengeApiTest {

    static final String TAPHOLE_ROBOT = """
            {"title":"高炉出铁口泥炮自动装泥与堵口","goals":"无人操作，单次作业时间不超过8分钟。",
             "conditions":"须在包头完成现场中试","industryChain":"EQUIPMENT_MANUFACTURING","regionCode":"150200",
             "rewardYuan":3000000.00,"deadline":"2027-03-31"}""";
    static final String PROPOSAL = """
            {"teamName":"冶金机器人团队","proposal":"六轴重载机器人配合视觉定位完成装泥与堵口。","quotedYuan":2800000}""";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    Challenges challenges;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aTeamAppliesThePosterShortlistsAndChoosesAndEachStepLeavesThroughTheOutbox() {
        String poster = institution();
        String challenge = post(poster);
        var applied = http.post("/api/v1/matching/challenges/" + challenge + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imust"), "Idempotency-Key", key());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String application = json(applied).path("applicationId").asString();
        String decision = "/api/v1/matching/challenges/" + challenge + "/applications/" + application + "/decision";

        var chooseTooSoon = http.post(decision, "{\"decision\":\"CHOOSE\"}", IdentityToken.HEADER,
                TestIdentities.partner(poster));
        var byApplicant = http.post(decision, "{\"decision\":\"SHORTLIST\"}", IdentityToken.HEADER,
                TestIdentities.partner("imust"));
        var shortlisted = http.post(decision, "{\"decision\":\"SHORTLIST\"}", IdentityToken.HEADER,
                TestIdentities.partner(poster));
        var chosen = http.post(decision, "{\"decision\":\"CHOOSE\"}", IdentityToken.HEADER,
                TestIdentities.partner(poster));

        assertThat(chooseTooSoon.statusCode()).isEqualTo(409);
        assertThat(byApplicant.statusCode()).isEqualTo(403);
        assertThat(json(shortlisted).path("status").asString()).isEqualTo("SHORTLISTED");
        assertThat(json(chosen).path("status").asString()).isEqualTo("CHOSEN");
        List<ChallengeStepTaken> steps = new ArrayList<>();
        TopicReader.await(kafka, Topics.MATCHING_CHALLENGES, r -> {
            if (challenge.equals(r.key()) && ChallengeStepTaken.CONTRACT.type().equals(
                    TopicReader.header(r, CloudEventHeaders.TYPE))) {
                assertThat(EventSchemas.violations(ChallengeStepTaken.CONTRACT, r.value())).isEmpty();
                steps.add(EventJson.read(r.value(), ChallengeStepTaken.class));
            }
            return steps.stream().anyMatch(s -> s.action().equals("CHOOSE"));
        }, Duration.ofSeconds(30));
        assertThat(steps).extracting(ChallengeStepTaken::action).containsExactly("APPLY", "SHORTLIST", "CHOOSE");
    }

    @Test
    void onlyThePosterAndOperatorsSeeTheApplications() {
        String poster = institution();
        String challenge = post(poster);
        http.post("/api/v1/matching/challenges/" + challenge + "/applications", PROPOSAL, IdentityToken.HEADER,
                TestIdentities.partner("imust"), "Idempotency-Key", key());

        var asPoster = json(http.get("/api/v1/matching/challenges/" + challenge, IdentityToken.HEADER,
                TestIdentities.partner(poster)));
        var asOperator = json(http.get("/api/v1/matching/challenges/" + challenge, IdentityToken.HEADER,
                TestIdentities.operator()));
        var asApplicant = json(http.get("/api/v1/matching/challenges/" + challenge, IdentityToken.HEADER,
                TestIdentities.partner("imust")));

        assertThat(asPoster.path("applications").get(0).path("proposal").asString()).contains("六轴重载机器人");
        assertThat(asOperator.path("applications")).hasSize(1);
        assertThat(asApplicant.path("applications").isNull()).isTrue();
        assertThat(asApplicant.path("applicationCount").asInt()).isEqualTo(1);
    }

    @Test
    void anApplicationAfterTheDeadlineIsRefusedAndSoAreTheSecondAndThePostersOwn() {
        // Posted on 20 March with a deadline of 21 March 2026, as the service would have written it then.
        Challenge past = Challenge.post(new Challenge.Terms("草种丸粒化包衣", "出苗率提高20%", null,
                org.mengkeju.matching.market.IndustryChain.GRASS, "152500", new java.math.BigDecimal("500000"),
                LocalDate.of(2026, 3, 21)), "xlgl-grass", "xlgl-grass-erp", key(), "f",
                Instant.parse("2026-03-20T02:00:00Z"));
        String closed = challenges.insert(past).id();
        String poster = institution();
        String open = post(poster);

        var late = http.post("/api/v1/matching/challenges/" + closed + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imau"), "Idempotency-Key", key());
        var first = http.post("/api/v1/matching/challenges/" + open + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imau"), "Idempotency-Key", key());
        var second = http.post("/api/v1/matching/challenges/" + open + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imau"), "Idempotency-Key", key());
        var own = http.post("/api/v1/matching/challenges/" + open + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner(poster), "Idempotency-Key", key());

        assertThat(late.statusCode()).isEqualTo(409);
        assertThat(json(late).path("type").asString()).endsWith("/applications-closed");
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(json(second).path("type").asString()).endsWith("/already-applied");
        assertThat(own.statusCode()).isEqualTo(403);
    }

    @Test
    void aRetriedApplicationReturnsTheFirstAndBadInputIsA400() {
        String challenge = post(institution());
        String key = key();

        var first = http.post("/api/v1/matching/challenges/" + challenge + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imut"), "Idempotency-Key", key);
        var retry = http.post("/api/v1/matching/challenges/" + challenge + "/applications", PROPOSAL,
                IdentityToken.HEADER, TestIdentities.partner("imut"), "Idempotency-Key", key);
        var negative = http.post("/api/v1/matching/challenges", TAPHOLE_ROBOT.replace("3000000.00", "-5"),
                IdentityToken.HEADER, TestIdentities.partner(institution()), "Idempotency-Key", key());
        var pastDeadline = http.post("/api/v1/matching/challenges", TAPHOLE_ROBOT.replace("2027-03-31", "2025-01-01"),
                IdentityToken.HEADER, TestIdentities.partner(institution()), "Idempotency-Key", key());

        assertThat(json(retry).path("applicationId").asString()).isEqualTo(json(first).path("applicationId").asString());
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(negative.body()).contains("rewardYuan");
        assertThat(pastDeadline.statusCode()).isEqualTo(400);
        assertThat(json(pastDeadline).path("type").asString()).endsWith("/deadline-past");
        assertThat(challenges.findById(challenge).orElseThrow().applications()).hasSize(1);
    }

    private String post(String poster) {
        var response = http.post("/api/v1/matching/challenges", TAPHOLE_ROBOT, IdentityToken.HEADER,
                TestIdentities.partner(poster), "Idempotency-Key", key());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("challengeId").asString();
    }

    static String institution() {
        return "ent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String key() {
        return UUID.randomUUID().toString();
    }
}
