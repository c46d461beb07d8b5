package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.contract.registration.ContractSamples.CONTRACTS;
import static org.mengkeju.contract.registration.ContractSamples.CORN_HUSK_LICENCE;
import static org.mengkeju.contract.registration.ContractSamples.partner;
import static org.mengkeju.contract.registration.ContractSamples.submit;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.contract.FakeCatalog;
import org.mengkeju.contract.catalog.AchievementCheck;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The achievement check when the catalog is down: never a lost or blocked submission, verified later by itself. */
@ServiceIntegrationTest
class CatalogOutageTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    AchievementCheck check;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @AfterEach
    void catalogBackUp() {
        FakeCatalog.get().down(false);
        FakeCatalog.get().slow(0);
        // Calls that timed out while it was slow are all counted once their answers are gone; then it closes.
        await().atMost(Duration.ofSeconds(20)).until(() -> FakeCatalog.get().inFlight() == 0);
        await().atMost(Duration.ofSeconds(20)).until(() -> check.breakerState().equals("CLOSED")
                || check.check(List.of(FakeCatalog.CORN_HUSK_FEED), "imut").verdict() == AchievementCheck.Verdict.VERIFIED
                        && check.breakerState().equals("CLOSED"));
    }

    String achievementCheckOf(String id) {
        return json(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, TestIdentities.operator()))
                .path("achievementCheck").asString();
    }

    @Test
    void whileTheCatalogIsDownSubmissionsArePendingTheBreakerOpensAndTheyAreVerifiedLaterByThemselves() {
        FakeCatalog.get().down(true);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            var response = submit(http, CORN_HUSK_LICENCE, partner("imut"));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            assertThat(json(response).path("achievementCheck").asString()).isEqualTo("PENDING");
            ids.add(json(response).path("id").asString());
        }
        assertThat(check.breakerState()).isIn("OPEN", "HALF_OPEN");

        // With the breaker open, a submission does not even try the catalog: it answers at once.
        int asked = FakeCatalog.get().requests();
        long started = System.nanoTime();
        var whileOpen = submit(http, CORN_HUSK_LICENCE, partner("imut"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;
        assertThat(whileOpen.statusCode()).isEqualTo(201);
        assertThat(json(whileOpen).path("achievementCheck").asString()).isEqualTo("PENDING");
        ids.add(json(whileOpen).path("id").asString());
        if (check.breakerState().equals("OPEN")) {
            assertThat(FakeCatalog.get().requests()).isEqualTo(asked);
        }
        assertThat(tookMillis).as("a submission while the catalog is down").isLessThan(1000);

        FakeCatalog.get().down(false);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(ids)
                .allSatisfy(id -> assertThat(achievementCheckOf(id)).isEqualTo("VERIFIED")));
        assertThat(check.breakerState()).isEqualTo("CLOSED");
        assertThat(http.get("/actuator/prometheus").body()).contains("resilience4j_circuitbreaker_state{",
                "name=\"catalog\"");
    }

    @Test
    void aCatalogSlowerThanTheReadTimeoutCostsASubmissionAtMostTheTimeoutAndLeavesItPending() {
        FakeCatalog.get().slow(8_000);
        long started = System.nanoTime();
        var response = submit(http, CORN_HUSK_LICENCE, partner("imut"));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("achievementCheck").asString()).isEqualTo("PENDING");
        assertThat(tookMillis).as("cut short by the 1 s read timeout, not waiting for the 8 s answer")
                .isLessThan(6_000);
        String id = json(response).path("id").asString();

        FakeCatalog.get().slow(0);
        await().atMost(Duration.ofSeconds(20)).until(() -> achievementCheckOf(id).equals("VERIFIED"));
    }

    @Test
    void anAchievementTheCatalogDoesNotKnowIsMarkedAndBlocksRegistration() {
        var response = submit(http, CORN_HUSK_LICENCE.replace("\"ach-7f3c2a9e41d84b0c\"",
                "\"ach-7f3c2a9e41d84b0c\",\"ach-0000deadbeef0000\""), partner("imut"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("achievementCheck").asString()).isEqualTo("NOT_FOUND");
        assertThat(json(response).path("unknownAchievementIds").toString()).contains("ach-0000deadbeef0000")
                .doesNotContain("ach-7f3c2a9e41d84b0c");
        String id = json(response).path("id").asString();
        ContractSamples.decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", ContractSamples.desk("tcr-150100-01"));
        ContractApiTest.assertProblem(ContractSamples.decide(http, id, "{\"decision\":\"REGISTER\"}",
                ContractSamples.desk("tcr-150100-01")), 409, "achievements-not-found", "ach-0000deadbeef0000");
    }

    @Test
    void anAchievementOffTheMarketOrAnotherInstitutionsDoesNotFitAndBlocksRegistration() {
        FakeCatalog.get().know("ach-draft00000000001", "DRAFT", "imut");
        FakeCatalog.get().know("ach-imu0000000000002", "PUBLISHED", "imu");
        var response = submit(http, CORN_HUSK_LICENCE.replace("\"ach-7f3c2a9e41d84b0c\"",
                "\"ach-7f3c2a9e41d84b0c\",\"ach-draft00000000001\",\"ach-imu0000000000002\""), partner("imut"));

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(json(response).path("achievementCheck").asString()).isEqualTo("MISMATCH");
        assertThat(json(response).path("achievementMismatches").toString())
                .contains("ach-draft00000000001: not on the market (DRAFT)")
                .contains("ach-imu0000000000002: owned by imu, not by the seller imut")
                .doesNotContain("ach-7f3c2a9e41d84b0c");
        String id = json(response).path("id").asString();
        ContractSamples.decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", ContractSamples.desk("tcr-150100-01"));
        ContractApiTest.assertProblem(ContractSamples.decide(http, id, "{\"decision\":\"REGISTER\"}",
                ContractSamples.desk("tcr-150100-01")), 409, "achievements-mismatched", "ach-draft00000000001");
    }

    @Test
    void aContractPendingVerificationIsNotRegisteredUntilVerified() {
        FakeCatalog.get().down(true);
        String id;
        try {
            var response = submit(http, CORN_HUSK_LICENCE, partner("imut"));
            id = json(response).path("id").asString();
            assertThat(json(response).path("achievementCheck").asString()).isEqualTo("PENDING");
            ContractSamples.decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}",
                    ContractSamples.desk("tcr-150100-01"));
            ContractApiTest.assertProblem(ContractSamples.decide(http, id, "{\"decision\":\"REGISTER\"}",
                    ContractSamples.desk("tcr-150100-01")), 409, "achievements-unverified", id);
        } finally {
            FakeCatalog.get().down(false);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> achievementCheckOf(id).equals("VERIFIED"));
        var registered = ContractSamples.decide(http, id, "{\"decision\":\"REGISTER\"}",
                ContractSamples.desk("tcr-150100-01"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
    }
}
