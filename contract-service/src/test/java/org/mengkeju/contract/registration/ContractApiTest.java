package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.contract.registration.ContractSamples.CONTRACTS;
import static org.mengkeju.contract.registration.ContractSamples.CORN_HUSK_LICENCE;
import static org.mengkeju.contract.registration.ContractSamples.SOLID_WASTE_DEVELOPMENT;
import static org.mengkeju.contract.registration.ContractSamples.decide;
import static org.mengkeju.contract.registration.ContractSamples.desk;
import static org.mengkeju.contract.registration.ContractSamples.key;
import static org.mengkeju.contract.registration.ContractSamples.partner;
import static org.mengkeju.contract.registration.ContractSamples.submit;
import static org.mengkeju.contract.registration.ContractSamples.underReview;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.contract.ContractStatusChanged;
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
class ContractApiTest {

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
        ContractSamples.makeSureTheCatalogIsUp();
    }

    @Test
    void theSellerSubmitsTheDeskRegistersAndContractRegisteredLeavesThroughTheOutbox() {
        var submitted = submit(http, CORN_HUSK_LICENCE, partner("imut"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        var view = json(submitted);
        String id = view.path("id").asString();
        assertThat(view.path("status").asString()).isEqualTo("SUBMITTED");
        // Exact to the fen, as written on the wire.
        assertThat(submitted.body()).contains("\"technologyTransactionAmountYuan\":1262400.50",
                "\"nonTechnicalCostsYuan\":237599.50", "\"contractAmountYuan\":1500000.00");
        assertThat(view.path("achievementCheck").asString()).isEqualTo("VERIFIED");
        assertThat(view.path("registrationRegionCode").asString()).isEqualTo("150100");
        assertThat(submitted.headers().firstValue("Location")).hasValue(CONTRACTS + "/" + id);

        assertThat(decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", desk("tcr-150100-01")).statusCode())
                .isEqualTo(200);
        var registered = http.post(CONTRACTS + "/" + id + "/decisions", "{\"decision\":\"REGISTER\"}",
                IdentityToken.HEADER, desk("tcr-150100-01"), "X-Request-Id", "req-tcr-0042");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String number = json(registered).path("registrationNumber").asString();
        assertThat(number).matches("20\\d{2}150101\\d{6}");
        assertThat(json(registered).path("status").asString()).isEqualTo("REGISTERED");

        List<ConsumerRecord<String, String>> events = TopicReader.await(kafka, Topics.CONTRACT_CONTRACTS,
                r -> id.equals(r.key()) && ContractRegistered.CONTRACT.type()
                        .equals(TopicReader.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(30));
        ConsumerRecord<String, String> record = events.getFirst();
        assertThat(EventSchemas.violations(ContractRegistered.CONTRACT, record.value())).isEmpty();
        assertThat(TopicReader.header(record, CloudEventHeaders.REQUEST_ID)).isEqualTo("req-tcr-0042");
        ContractRegistered event = EventJson.read(record.value(), ContractRegistered.class);
        assertThat(event.registrationNumber()).isEqualTo(number);
        assertThat(event.technologyTransactionAmountYuan()).isEqualTo(new BigDecimal("1262400.50"));
        assertThat(event.contractAmountYuan()).isEqualTo(new BigDecimal("1500000.00"));
        assertThat(event.seller().creditCode()).isEqualTo("12150000460030036T");
        assertThat(event.seller().publicResearchBody()).isTrue();
        assertThat(event.achievementIds()).containsExactly("ach-7f3c2a9e41d84b0c");
        assertThat(event.registrationInstitutionId()).isEqualTo("tcr-150100-01");

        List<String> steps = TopicReader.await(kafka, Topics.CONTRACT_CONTRACTS, r -> id.equals(r.key())
                        && ContractStatusChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.read(r.value(), ContractStatusChanged.class).action()).toList();
        assertThat(steps).containsSubsequence("SUBMIT", "ACHIEVEMENTS_VERIFIED", "ACCEPT_FOR_REVIEW", "REGISTER");
    }

    @Test
    void theSameIdempotencyKeyTwiceSubmitsOnceAndWithAnotherBodyIsRefused() {
        String key = key();
        String contract = ContractSamples.unique(CORN_HUSK_LICENCE);
        var first = http.post(CONTRACTS, contract, IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key);
        var again = http.post(CONTRACTS, contract, IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key);
        var other = http.post(CONTRACTS, contract.replace("发酵罐两台", "发酵罐三台"),
                IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(json(again).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(other, 409, "idempotency-key-reused", key);
        assertThat(mongo.count(Query.query(Criteria.where("idempotencyKey").is(key)), "contracts")).isEqualTo(1);
    }

    @Test
    void aNegativeAmountIsA400NamingTheField() {
        assertProblem(submit(http, CORN_HUSK_LICENCE.replace("\"contractAmountYuan\":1500000.00",
                "\"contractAmountYuan\":-1500000.00"), partner("imut")), 400, "invalid-request", "contractAmountYuan");
    }

    @Test
    void costsAboveTheContractAmountAreA400NamingTheRuleAndWriteNothing() {
        long before = mongo.getCollection("contracts").countDocuments();
        var response = submit(http, CORN_HUSK_LICENCE.replace("237599.50", "1500000.01"), partner("imut"));

        assertProblem(response, 400, "costs-exceed-contract-amount", "nonTechnicalCosts");
        assertThat(mongo.getCollection("contracts").countDocuments()).isEqualTo(before);
    }

    @Test
    void aCreditCodeWithAWrongCheckCharacterIsA400NamingTheParty() {
        assertProblem(submit(http, CORN_HUSK_LICENCE.replace("91150400MA0N2K7X37", "91150400MA0N2K7X38"),
                partner("imut")), 400, "credit-code-invalid", "buyer.creditCode");
    }

    @Test
    void anEndDateBeforeTheStartIsA400() {
        assertProblem(submit(http, CORN_HUSK_LICENCE.replace("\"validUntil\":\"2031-05-11\"",
                "\"validUntil\":\"2026-05-11\""), partner("imut")), 400, "period-ends-before-start", "validUntil");
    }

    @Test
    void aClientCannotStateTheTechnologyTransactionAmount() {
        assertProblem(submit(http, CORN_HUSK_LICENCE.replace("\"contractAmountYuan\"",
                "\"technologyTransactionAmountYuan\":1500000.00,\"contractAmountYuan\""), partner("imut")),
                400, "malformed-body", "technologyTransactionAmountYuan");
    }

    @Test
    void anInventorShareBelowTheRuleIsRefusedNamingTheRule() {
        assertProblem(submit(http, CORN_HUSK_LICENCE.replace("\"inventorSharePercent\":70",
                "\"inventorSharePercent\":60"), partner("imut")), 400, "inventor-share-below-minimum", "70");
    }

    @Test
    void onlyTheSellerSideAppliesAndOtherPartiesSeeButCannotDecide() {
        assertProblem(submit(http, CORN_HUSK_LICENCE, partner("cfmg-feed")), 403, "forbidden", "seller");
        String id = ContractSamples.submittedAndVerified(http, CORN_HUSK_LICENCE, partner("imut"));

        assertThat(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, partner("cfmg-feed")).statusCode())
                .isEqualTo(200);
        assertProblem(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, partner("imu")), 404, "not-found", id);
        assertProblem(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, desk("tcr-150600-01")), 404,
                "not-found", id);
        assertProblem(decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", partner("imut")), 403,
                "forbidden", "150100");
        assertProblem(decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", TestIdentities.operator()), 403,
                "forbidden", "registration institution");
        // The science department's operators (an institution that is no registration point) see every contract
        // and its reports, and decide on none.
        String department = TestIdentities.token(new CallerIdentity("dev-operator", Role.OPERATOR, "nmg-kjt",
                "150000"));
        assertThat(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER, department).statusCode()).isEqualTo(200);
        var listed = http.get(CONTRACTS + "?limit=200", IdentityToken.HEADER, department);
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(json(listed).path("items").size()).isPositive();
        assertProblem(decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", department), 403,
                "forbidden", "registration institution");
    }

    @Test
    void onceAcceptedOnlyThatInstitutionDecides() {
        String id = underReview(http, CORN_HUSK_LICENCE, partner("imut"), "tcr-150100-01");

        assertProblem(decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-02")), 403, "forbidden",
                "tcr-150100-01");
    }

    @Test
    void aRefusalCarriesItsCodedReasonsAndEndsTheRegistration() {
        String id = underReview(http, CORN_HUSK_LICENCE, partner("imut"), "tcr-150100-01");

        var refused = decide(http, id, """
                {"decision":"REFUSE","reasons":["MONOPOLISING_CLAUSE","SEALS_MISMATCH"],
                 "note":"第十二条限制买方在合同技术基础上进行改进"}""", desk("tcr-150100-01"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(200);
        assertThat(json(refused).path("status").asString()).isEqualTo("REFUSED");
        assertThat(json(refused).path("reasons").toString()).contains("MONOPOLISING_CLAUSE", "SEALS_MISMATCH");

        assertProblem(decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-01")), 409, "wrong-status",
                "REFUSED");
        assertProblem(decide(http, id, "{\"decision\":\"REFUSE\",\"reasons\":[\"OTHER\"]}", desk("tcr-150100-01")),
                409, "wrong-status", "REFUSED");
    }

    @Test
    void otherAsAReasonNeedsATextAndAnUnknownReasonIsA400() {
        String id = underReview(http, CORN_HUSK_LICENCE, partner("imut"), "tcr-150100-01");

        assertProblem(decide(http, id, "{\"decision\":\"RETURN\",\"reasons\":[\"OTHER\"]}", desk("tcr-150100-01")),
                400, "other-reason-needs-text", "note");
        assertProblem(decide(http, id, "{\"decision\":\"RETURN\",\"reasons\":[\"TOO_EXPENSIVE\"]}",
                desk("tcr-150100-01")), 400, "malformed-body", "reasons");
        var returned = decide(http, id, "{\"decision\":\"RETURN\",\"reasons\":[\"DOCUMENTS_MISSING\"]}",
                desk("tcr-150100-01"));
        assertThat(json(returned).path("status").asString()).isEqualTo("RETURNED");
    }

    @Test
    void anExpertReviewIsRequiredAtFiveMillionExactlyAndAboveButNotOneFenBelow() {
        // 10,000,000 − 4,999,999.99 = 5,000,000.01: at or above the threshold, so an expert review is required.
        String large = underReview(http, SOLID_WASTE_DEVELOPMENT, partner("ordos-coal-tech"), "tcr-150600-01");
        var view = json(http.get(CONTRACTS + "/" + large, IdentityToken.HEADER, desk("tcr-150600-01")));
        assertThat(view.path("technologyTransactionAmountYuan").decimalValue()).isEqualByComparingTo("5000000.01");
        assertThat(view.path("expertReviewRequired").asBoolean()).isTrue();
        assertProblem(decide(http, large, "{\"decision\":\"REGISTER\"}", desk("tcr-150600-01")), 409,
                "expert-review-required", "expert review");

        assertThat(decide(http, large, "{\"decision\":\"RECORD_EXPERT_REVIEW\"}", desk("tcr-150600-01")).statusCode())
                .isEqualTo(200);
        var registered = decide(http, large, "{\"decision\":\"REGISTER\"}", desk("tcr-150600-01"));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json(registered).path("registrationNumber").asString()).matches("20\\d{2}150601\\d{6}");

        String exact = underReview(http, SOLID_WASTE_DEVELOPMENT.replace("4999999.99", "5000000.00"),
                partner("ordos-coal-tech"), "tcr-150600-01");
        assertThat(json(http.get(CONTRACTS + "/" + exact, IdentityToken.HEADER, desk("tcr-150600-01")))
                .path("expertReviewRequired").asBoolean()).isTrue();
        String below = underReview(http, SOLID_WASTE_DEVELOPMENT.replace("4999999.99", "5000000.01"),
                partner("ordos-coal-tech"), "tcr-150600-01");
        assertThat(decide(http, below, "{\"decision\":\"REGISTER\"}", desk("tcr-150600-01")).statusCode())
                .isEqualTo(200);
    }

    @Test
    void aChangeRecomputesTheAmountsAndACancellationEndsTheRegistrationEachEmitted() {
        String id = underReview(http, CORN_HUSK_LICENCE, partner("imut"), "tcr-150100-01");
        String number = json(decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-01")))
                .path("registrationNumber").asString();

        var changed = http.post(CONTRACTS + "/" + id + "/amendments", """
                {"kind":"CHANGE","reason":"补充协议：买方增购一套中试发酵设备","contractAmountYuan":1800000.00,
                 "nonTechnicalCosts":[{"kind":"EQUIPMENT","description":"发酵罐三台","amountYuan":537599.50}],
                 "payments":[{"dueOn":"2026-06-30","amountYuan":800000.00},{"dueOn":"2027-06-30","amountYuan":1000000.00}]}""",
                IdentityToken.HEADER, desk("tcr-150100-01"));
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).contains("\"technologyTransactionAmountYuan\":1262400.50",
                "\"contractAmountYuan\":1800000.00");
        assertThat(json(changed).path("registrationNumber").asString()).isEqualTo(number);

        assertProblem(http.post(CONTRACTS + "/" + id + "/amendments", """
                {"kind":"CHANGE","reason":"补充协议","contractAmountYuan":500000.00,
                 "payments":[{"dueOn":"2026-06-30","amountYuan":500000.00}]}""",
                IdentityToken.HEADER, desk("tcr-150100-01")), 400, "costs-exceed-contract-amount", "nonTechnicalCosts");
        assertProblem(http.post(CONTRACTS + "/" + id + "/amendments", "{\"kind\":\"REVOKE\",\"reason\":\"x\"}",
                IdentityToken.HEADER, desk("tcr-150100-02")), 403, "forbidden", "tcr-150100-01");

        var cancelled = http.post(CONTRACTS + "/" + id + "/amendments",
                "{\"kind\":\"CANCEL\",\"reason\":\"双方协商一致解除合同\"}", IdentityToken.HEADER, desk("tcr-150100-01"));
        assertThat(json(cancelled).path("status").asString()).isEqualTo("CANCELLED");
        assertProblem(http.post(CONTRACTS + "/" + id + "/amendments", "{\"kind\":\"REVOKE\",\"reason\":\"x\"}",
                IdentityToken.HEADER, desk("tcr-150100-01")), 409, "wrong-status", "CANCELLED");

        List<ContractRegistrationChanged> changes = TopicReader.await(kafka, Topics.CONTRACT_CONTRACTS,
                r -> id.equals(r.key()) && ContractRegistrationChanged.CONTRACT.type()
                        .equals(TopicReader.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(30)).stream()
                .map(r -> EventJson.readChecked(ContractRegistrationChanged.CONTRACT, r.value())).toList();
        assertThat(changes).extracting(ContractRegistrationChanged::change).containsExactly("CHANGED", "CANCELLED");
        assertThat(changes.getFirst().previousContractAmountYuan()).isEqualByComparingTo("1500000.00");
        assertThat(changes.getFirst().contractAmountYuan()).isEqualByComparingTo("1800000.00");
        assertThat(changes.getLast().registrationNumber()).isEqualTo(number);
    }

    @Test
    void aSubmittedContractIsTakenUpAndRegisteredInOneStep() {
        String id = ContractSamples.submittedAndVerified(http, CORN_HUSK_LICENCE, partner("imut"));

        var registered = decide(http, id, "{\"decision\":\"REGISTER\"}", desk("tcr-150100-03"));

        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        assertThat(json(registered).path("registrationInstitutionId").asString()).isEqualTo("tcr-150100-03");
        assertThat(json(registered).path("registrationNumber").asString()).matches("\\d{4}150103\\d{6}");
    }

    @Test
    void theSellerSideAppliesOnceAndACorrectionAfterAReturnTakesThePlaceOfTheReturnedOne() {
        String contract = ContractSamples.unique(CORN_HUSK_LICENCE);
        var first = http.post(CONTRACTS, contract, IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key());
        String id = json(first).path("id").asString();

        var again = http.post(CONTRACTS, contract.replace("\"documents\":[", "\"documents\":[\"docs://imut/extra.pdf\","),
                IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key());
        assertProblem(again, 409, "already-submitted", id);

        decide(http, id, "{\"decision\":\"RETURN\",\"reasons\":[\"SEALS_MISMATCH\"]}", desk("tcr-150100-01"));
        assertProblem(http.post(CONTRACTS, contract, IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key()),
                409, "already-submitted", "correctsContractId " + id);

        var corrected = http.post(CONTRACTS, contract.replace("\"inventorSharePercent\":70",
                        "\"inventorSharePercent\":70,\"correctsContractId\":\"" + id + "\""),
                IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key());
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
        assertThat(json(corrected).path("correctsContractId").asString()).isEqualTo(id);
        assertProblem(http.post(CONTRACTS, contract, IdentityToken.HEADER, partner("imut"), "Idempotency-Key", key()),
                409, "already-submitted", json(corrected).path("id").asString());
    }

    static void assertProblem(HttpResponse<String> response, int status, String type, String detailContains) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("type").asString()).as(response.body()).endsWith("/" + type);
        assertThat(json(response).toString()).as(response.body()).contains(detailContains);
    }
}
