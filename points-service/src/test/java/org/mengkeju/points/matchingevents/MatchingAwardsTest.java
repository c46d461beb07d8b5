package org.mengkeju.points.matchingevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TestMetrics;
import org.springframework.beans.factory.annotation.Value;

/** A match that closed won earns both sides points, a chosen challenge team its institution; each once. */
@ServiceIntegrationTest
class MatchingAwardsTest {

    static final String SOURCE = "/mengkeju/matching-service";

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
    void aMatchClosedWonEarnsTheBuyerAndTheSellerOnceAndEarlierStepsNothing() {
        String buyer = institution();
        String seller = institution();
        String proposal = "prp-" + UUID.randomUUID().toString().substring(0, 12);
        double issued = TestMetrics.value(http, "mengkeju_points_issued");
        TestEvents.publish(kafka, ProposalStatusChanged.CONTRACT, proposal, UUID.randomUUID().toString(), SOURCE,
                step(proposal, buyer, seller, "PROPOSED", "NEGOTIATING"));
        ProposalStatusChanged won = step(proposal, buyer, seller, "NEGOTIATING", "CLOSED_WON");
        String eventId = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 3; delivery++) {
            TestEvents.publish(kafka, ProposalStatusChanged.CONTRACT, proposal, eventId, SOURCE, won);
        }
        // The same step again under another event id (a replayed topic) is the same transfer.
        TestEvents.publish(kafka, ProposalStatusChanged.CONTRACT, proposal, UUID.randomUUID().toString(), SOURCE, won);

        awaitBalance(buyer, 20);
        awaitBalance(seller, 20);
        // The scheme's total follows (other tests of the shared context award meanwhile only while they run).
        assertThat(TestMetrics.value(http, "mengkeju_points_issued")).isGreaterThanOrEqualTo(issued + 40);
        var statement = json(http.get("/api/v1/points/accounts/" + seller + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()));
        assertThat(statement.path("items").findValuesAsString("transferId"))
                .containsExactly("match-closed-won:" + proposal + ":seller");
        assertThat(statement.path("items").findValuesAsString("reason")).containsExactly("MATCH_CLOSED_WON");
    }

    @Test
    void theChosenTeamOfAChallengeEarnsItsInstitutionOnce() {
        String team = institution();
        String other = institution();
        String challenge = "chl-" + UUID.randomUUID().toString().substring(0, 12);
        TestEvents.publish(kafka, ChallengeStepTaken.CONTRACT, challenge, UUID.randomUUID().toString(), SOURCE,
                challengeStep(challenge, "SHORTLIST", other, "SHORTLISTED", "OPEN"));
        ChallengeStepTaken chosen = challengeStep(challenge, "CHOOSE", team, "CHOSEN", "AWARDED");
        TestEvents.publish(kafka, ChallengeStepTaken.CONTRACT, challenge, UUID.randomUUID().toString(), SOURCE, chosen);
        TestEvents.publish(kafka, ChallengeStepTaken.CONTRACT, challenge, UUID.randomUUID().toString(), SOURCE, chosen);

        awaitBalance(team, 100);
        var shortlisted = http.get("/api/v1/points/accounts/" + other, IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(shortlisted.statusCode() == 404 || json(shortlisted).path("balance").asLong() == 0)
                .as(shortlisted.body()).isTrue();
    }

    private static ProposalStatusChanged step(String proposal, String buyer, String seller, String from, String to) {
        return new ProposalStatusChanged(proposal, "dmd-" + proposal, "ach-" + proposal, buyer, seller, from, to,
                "nmg-broker-0412", null, 3, Instant.parse("2026-08-12T02:00:00Z"));
    }

    private static ChallengeStepTaken challengeStep(String challenge, String action, String applicant,
            String applicationStatus, String challengeStatus) {
        return new ChallengeStepTaken(challenge, action, "app-" + applicant, applicant, applicationStatus,
                challengeStatus, new BigDecimal("500000"), "btrp-poster", 4, Instant.parse("2026-09-01T02:00:00Z"));
    }

    private void awaitBalance(String account, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/points/accounts/" + account, IdentityToken.HEADER,
                        TestIdentities.operator())).path("balance").asLong()).isEqualTo(expected));
    }

    private static String institution() {
        return "inst-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
