package org.mengkeju.matching.proposal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.events.matching.ProposalMade;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.matching.supply.CatalogEvents;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TestMetrics;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

@ServiceIntegrationTest
class ProposalApiTest {

    static final String BAOTOU_BROKER = TestIdentities.token(
            new CallerIdentity("nmg-broker-0412", Role.BROKER, null, "150200"));

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
    void aNewAchievementIsProposedToTheOpenDemandItFitsOnceHoweverOftenItsEventComes() {
        String owner = "btrp-" + tag();
        String demand = postCeriumDemand(owner);
        String achievement = "ach-wet" + tag();
        var published = CatalogEvents.wetCeriumRecovery(achievement, "PUBLISHED", 3);

        CatalogEvents.publish(kafka, published);
        await().atMost(Duration.ofSeconds(30)).until(() -> proposalsOf(demand, owner).size() == 1);
        CatalogEvents.publish(kafka, published);
        String marker = "ach-marker" + tag();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(marker, "PUBLISHED", 1));
        await().atMost(Duration.ofSeconds(30)).until(() -> proposalsOf(demand, owner).size() == 2);

        List<JsonNode> proposals = proposalsOf(demand, owner);
        assertThat(proposals).extracting(p -> p.path("achievementId").asString())
                .containsExactly(achievement, marker);
        JsonNode first = proposals.getFirst();
        assertThat(first.path("proposedBy").asString()).isEqualTo("matching-service");
        assertThat(first.path("reasons").findValuesAsString("text")).contains("同属稀土产业链");
        var made = TopicReader.await(kafka, Topics.MATCHING_PROPOSALS,
                r -> first.path("proposalId").asString().equals(r.key()), Duration.ofSeconds(30));
        assertThat(made).singleElement().satisfies(r -> {
            assertThat(EventSchemas.violations(ProposalMade.CONTRACT, r.value())).isEmpty();
            assertThat(EventJson.read(r.value(), ProposalMade.class).demandOwnerInstitutionId()).isEqualTo(owner);
        });
        var sinceFirst = json(http.get("/api/v1/matching/demands/" + demand + "/proposals?after="
                + first.path("proposalId").asString(), IdentityToken.HEADER, TestIdentities.partner(owner)));
        assertThat(sinceFirst.path("items").findValuesAsString("achievementId")).containsExactly(marker);
    }

    @Test
    void aBrokerProposesOnceAndThePartiesFollowItToADealThatLeavesAsAnEvent() {
        String owner = "btrp-" + tag();
        String demand = postCeriumDemand(owner);
        String achievement = "ach-man" + tag();
        // Another chain sharing a few words: below the score at which matching proposes by itself.
        CatalogEvents.publish(kafka, CatalogEvents.step(achievement, "PUBLISHED", 2, "冶炼废酸回收与废料资源化",
                "含酸废料的回收利用", "ECOLOGY_ENVIRONMENT", "SMALL_BATCH", List.of("SERVICE"), null, "150600"));
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/matching/achievements/" + achievement,
                IdentityToken.HEADER, TestIdentities.operator()).statusCode() == 200);
        String body = "{\"achievementId\":\"" + achievement + "\",\"note\":\"废酸回收可降低酸耗\"}";

        var proposed = http.post("/api/v1/matching/demands/" + demand + "/proposals", body, IdentityToken.HEADER,
                BAOTOU_BROKER, "Idempotency-Key", UUID.randomUUID().toString());
        var again = http.post("/api/v1/matching/demands/" + demand + "/proposals", body, IdentityToken.HEADER,
                TestIdentities.partner(owner), "Idempotency-Key", UUID.randomUUID().toString());
        var outsider = http.post("/api/v1/matching/demands/" + demand + "/proposals", body, IdentityToken.HEADER,
                TestIdentities.partner("imau"), "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        String proposal = json(proposed).path("proposalId").asString();
        assertThat(json(again).path("proposalId").asString()).isEqualTo(proposal);
        assertThat(outsider.statusCode()).isEqualTo(403);
        String path = "/api/v1/matching/proposals/" + proposal + "/status";
        double closedWon = TestMetrics.value(http, "mengkeju_matching_proposals", "status", "CLOSED_WON");
        double matchedDemands = TestMetrics.value(http, "mengkeju_matching_demands", "status", "MATCHED");

        assertThat(put(path, "{\"status\":\"CONTACTED\"}", TestIdentities.partner("imust")).statusCode())
                .isEqualTo(200);
        assertThat(put(path, "{\"status\":\"NEGOTIATING\"}", TestIdentities.partner(owner)).statusCode())
                .isEqualTo(200);
        var won = put(path, "{\"status\":\"CLOSED_WON\",\"note\":\"签订技术许可合同\"}", BAOTOU_BROKER);
        var backwards = put(path, "{\"status\":\"CONTACTED\"}", TestIdentities.operator());

        assertThat(json(won).path("status").asString()).isEqualTo("CLOSED_WON");
        assertThat(backwards.statusCode()).isEqualTo(409);
        assertThat(http.get("/api/v1/matching/proposals/" + proposal, IdentityToken.HEADER,
                TestIdentities.partner("imau")).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/matching/demands/" + demand + "/proposals", IdentityToken.HEADER,
                TestIdentities.partner("imau")).statusCode()).isEqualTo(403);
        List<ProposalStatusChanged> steps = new ArrayList<>();
        TopicReader.await(kafka, Topics.MATCHING_PROPOSALS, r -> {
            if (proposal.equals(r.key()) && ProposalStatusChanged.CONTRACT.type().equals(
                    TopicReader.header(r, CloudEventHeaders.TYPE))) {
                assertThat(EventSchemas.violations(ProposalStatusChanged.CONTRACT, r.value())).isEmpty();
                steps.add(EventJson.read(r.value(), ProposalStatusChanged.class));
            }
            return steps.stream().anyMatch(s -> s.toStatus().equals("CLOSED_WON"));
        }, Duration.ofSeconds(30));
        assertThat(steps).extracting(ProposalStatusChanged::toStatus)
                .containsExactly("CONTACTED", "NEGOTIATING", "CLOSED_WON");
        assertThat(steps.getLast().achievementOwnerInstitutionId()).isEqualTo("imust");

        // The deal makes the demand matched, by the service itself, naming the proposal.
        await().atMost(Duration.ofSeconds(30)).until(() -> json(http.get("/api/v1/matching/demands/" + demand,
                IdentityToken.HEADER, TestIdentities.partner(owner))).path("status").asString().equals("MATCHED"));
        var matched = TopicReader.await(kafka, Topics.MATCHING_DEMANDS, r -> demand.equals(r.key())
                && r.value().contains("\"MATCHED\""), Duration.ofSeconds(30));
        DemandStatusChanged step = EventJson.read(matched.getFirst().value(), DemandStatusChanged.class);
        assertThat(step.toStatus()).isEqualTo("MATCHED");
        assertThat(step.actor()).isEqualTo("matching-service");
        assertThat(step.note()).isEqualTo("proposal " + proposal + " closed won");
        assertThat(TestMetrics.value(http, "mengkeju_matching_proposals", "status", "CLOSED_WON")).isEqualTo(closedWon + 1);
        assertThat(TestMetrics.value(http, "mengkeju_matching_demands", "status", "MATCHED"))
                .isEqualTo(matchedDemands + 1);
    }

    private List<JsonNode> proposalsOf(String demand, String owner) {
        JsonNode page = json(http.get("/api/v1/matching/demands/" + demand + "/proposals", IdentityToken.HEADER,
                TestIdentities.partner(owner)));
        List<JsonNode> items = new ArrayList<>();
        page.path("items").forEach(items::add);
        return items;
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

    private HttpResponse<String> put(String path, String body, String identity) {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header(IdentityToken.HEADER, identity).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return java.net.http.HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String tag() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
