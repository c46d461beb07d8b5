package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.contract.registration.ContractApiTest.assertProblem;
import static org.mengkeju.contract.registration.ContractSamples.CONTRACTS;
import static org.mengkeju.contract.registration.ContractSamples.CORN_HUSK_LICENCE;
import static org.mengkeju.contract.registration.ContractSamples.SOLID_WASTE_DEVELOPMENT;
import static org.mengkeju.contract.registration.ContractSamples.decide;
import static org.mengkeju.contract.registration.ContractSamples.desk;
import static org.mengkeju.contract.registration.ContractSamples.partner;
import static org.mengkeju.contract.registration.ContractSamples.underReview;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import tools.jackson.databind.JsonNode;

/** Review deadlines in working days, missing documents stopping and restarting them, and the work queues. */
@ServiceIntegrationTest
class ReviewQueueTest {

    @Value("${local.server.port}")
    int port;
    @Autowired
    MongoTemplate mongo;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        ContractSamples.makeSureTheCatalogIsUp();
    }

    List<String> idsOf(String identity, String query) {
        List<String> ids = new ArrayList<>();
        String after = null;
        do {
            var page = http.get(CONTRACTS + "?limit=2" + query + (after == null ? "" : "&after=" + after),
                    IdentityToken.HEADER, identity);
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            for (JsonNode item : json(page).path("items")) {
                ids.add(item.path("id").asString());
            }
            after = json(page).path("next").isString() ? json(page).path("next").asString() : null;
        } while (after != null);
        return ids;
    }

    @Test
    void missingDocumentsStopTheDeadlineAndTheirArrivalStartsItAgain() {
        String id = underReview(http, CORN_HUSK_LICENCE, partner("imut"), "tcr-150100-01");
        var accepted = json(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, desk("tcr-150100-01")));
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
        assertThat(LocalDate.parse(accepted.path("reviewDueOn").asString())).isAfter(today.plusDays(14));
        assertThat(accepted.path("overdue").asBoolean()).isFalse();

        assertProblem(decide(http, id, "{\"decision\":\"REQUEST_DOCUMENTS\"}", desk("tcr-150100-01")), 400,
                "documents-not-named", "note");
        var requested = decide(http, id, "{\"decision\":\"REQUEST_DOCUMENTS\",\"note\":\"专利实施许可合同备案回执\"}",
                desk("tcr-150100-01"));
        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(200);
        assertThat(json(requested).path("awaitingDocumentsSince").isString()).isTrue();
        assertThat(json(requested).path("reviewDueOn").isNull()).isTrue();
        assertProblem(decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-01")), 409,
                "documents-awaited", id);

        var received = decide(http, id, "{\"decision\":\"RECORD_DOCUMENTS_RECEIVED\"}", desk("tcr-150100-01"));
        assertThat(json(received).path("awaitingDocumentsSince").isNull()).isTrue();
        assertThat(LocalDate.parse(json(received).path("reviewDueOn").asString())).isAfter(today.plusDays(14));
        assertThat(decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-01")).statusCode()).isEqualTo(200);
    }

    @Test
    void anOverdueReviewIsShownAndListedForItsInstitution() {
        String late = underReview(http, SOLID_WASTE_DEVELOPMENT.replace("4999999.99", "6000000.00"),
                partner("ordos-coal-tech"), "tcr-150600-01");
        String onTime = underReview(http, SOLID_WASTE_DEVELOPMENT.replace("4999999.99", "6000000.00"),
                partner("ordos-coal-tech"), "tcr-150600-01");
        // As if it had been accepted 16 working days ago: its deadline was yesterday.
        LocalDate yesterday = LocalDate.now(ZoneId.of("Asia/Shanghai")).minusDays(1);
        mongo.updateFirst(Query.query(Criteria.where("_id").is(late)), Update.update("reviewDueOn", yesterday),
                "contracts");

        assertThat(json(http.get(CONTRACTS + "/" + late, IdentityToken.HEADER, desk("tcr-150600-01")))
                .path("overdue").asBoolean()).isTrue();
        List<String> overdue = idsOf(desk("tcr-150600-01"), "&overdue=true");
        assertThat(overdue).contains(late).doesNotContain(onTime);
        assertThat(idsOf(desk("tcr-150100-01"), "&overdue=true")).doesNotContain(late);
    }

    @Test
    void eachCallerListsWhatItMaySee() {
        String hohhot = ContractSamples.submittedAndVerified(http, CORN_HUSK_LICENCE, partner("imut"));
        String ordos = ContractSamples.submittedAndVerified(http, SOLID_WASTE_DEVELOPMENT, partner("ordos-coal-tech"));

        assertThat(idsOf(desk("tcr-150100-02"), "&status=SUBMITTED")).contains(hohhot).doesNotContain(ordos);
        assertThat(idsOf(desk("tcr-150600-01"), "")).contains(ordos).doesNotContain(hohhot);
        assertThat(idsOf(partner("cfmg-feed"), "")).contains(hohhot).doesNotContain(ordos);
        assertThat(idsOf(TestIdentities.operator(), "&status=SUBMITTED")).contains(hohhot, ordos);
        assertProblem(http.get(CONTRACTS, IdentityToken.HEADER, TestIdentities.token(
                new CallerIdentity("nmgbank-leads", Role.FINANCE_INSTITUTION, "nmgbank", "150100"))), 403,
                "forbidden", "FINANCE_INSTITUTION");
        assertProblem(http.get(CONTRACTS + "?limit=0", IdentityToken.HEADER, TestIdentities.operator()), 400,
                "invalid-request", "limit");
    }
}
