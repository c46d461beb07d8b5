package org.mengkeju.contract.deal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.contract.FakeCatalog;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A deal the catalog's market made final arrives as an event and becomes a contract draft its parties complete and
 * submit: recorded once however often it is delivered, and shown only to its parties, the registration institutions
 * of the seller's league-city and the operators.
 */
@ServiceIntegrationTest
class FinalisedDealsTest {

    static final String DEALS = "/api/v1/contract/deals";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        FakeCatalog.get().down(false);
    }

    /** An auction won by 伊利 for 内蒙古工业大学's corn-husk feed technology, 1,980,000.50 yuan. */
    static DealFinalised auctionWon(String lotId) {
        return new DealFinalised(lotId, FakeCatalog.CORN_HUSK_FEED, "玉米皮菌体蛋白生物发酵饲料生产技术", "ASSIGNMENT",
                "AUCTION", new BigDecimal("1980000.50"), new BigDecimal("1500000.00"),
                new DealFinalised.Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true),
                new DealFinalised.Party("yili", "内蒙古伊利实业集团股份有限公司", "91150100MA0N1YL015", "150100", false),
                null, Instant.parse("2026-11-20T02:00:00Z"));
    }

    static String newLotId() {
        return "lot-%012x-%08x".formatted(System.currentTimeMillis(), UUID.randomUUID().hashCode());
    }

    private void deliver(DealFinalised deal, String eventId) {
        TestEvents.publish(kafka, DealFinalised.CONTRACT, deal.lotId(), eventId, "/mengkeju/catalog-service", deal);
    }

    private static String desk(String point) {
        return TestIdentities.token(new CallerIdentity(point + "-desk", Role.OPERATOR, point, point.substring(4, 10)));
    }

    private static java.util.List<String> texts(JsonNode array) {
        java.util.List<String> texts = new java.util.ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    private static java.util.List<String> dealIds(JsonNode page) {
        java.util.List<String> ids = new java.util.ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("dealId").asString()));
        return ids;
    }

    @Test
    void aFinalDealIsAContractDraftItsPartiesCompleteAndSubmit() {
        String lot = newLotId();
        deliver(auctionWon(lot), UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(DEALS + "/" + lot, IdentityToken.HEADER,
                TestIdentities.partner("imut")).statusCode() == 200);
        JsonNode deal = json(http.get(DEALS + "/" + lot, IdentityToken.HEADER, TestIdentities.partner("imut")));
        JsonNode draft = deal.path("contractDraft");
        assertThat(draft.path("type").asString()).isEqualTo("TRANSFER");
        assertThat(draft.path("contractAmountYuan").decimalValue()).isEqualByComparingTo("1980000.50");
        assertThat(draft.path("achievementIds").get(0).asString()).isEqualTo(FakeCatalog.CORN_HUSK_FEED);
        assertThat(draft.path("buyer").path("creditCode").asString()).isEqualTo("91150100MA0N1YL015");
        assertThat(texts(deal.path("toComplete")))
                .contains("subType", "signedOn", "payments", "inventorSharePercent")
                .doesNotContain("seller.name", "buyer.creditCode", "type");

        // The seller completes what the deal does not decide and submits: the amounts are the deal's.
        ObjectNode submission = (ObjectNode) draft.deepCopy();
        submission.put("subType", "PATENT_RIGHT").put("signedOn", "2026-11-25").put("validFrom", "2026-11-25")
                .put("validUntil", "2029-11-24").put("inventorSharePercent", 70);
        submission.putArray("payments").addObject().put("dueOn", "2026-12-31").put("amountYuan", new BigDecimal("1980000.50"));
        submission.putArray("documents").add("docs://imut/2026/" + lot + "/contract.pdf");
        var submitted = http.post("/api/v1/contract/contracts", submission.toString(), IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", "deal-" + lot);
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        assertThat(json(submitted).path("technologyTransactionAmountYuan").decimalValue())
                .isEqualByComparingTo("1980000.50");
        assertThat(json(submitted).path("title").asString()).isEqualTo("玉米皮菌体蛋白生物发酵饲料生产技术技术转让合同");
        assertThat(json(submitted).path("dealId").asString()).isEqualTo(lot);

        // A deal is sold once: a second contract for it, under another title and day, is refused and not written.
        submission.put("title", "玉米皮饲料技术转让合同（第二份）").put("signedOn", "2026-11-26");
        var second = http.post("/api/v1/contract/contracts", submission.toString(), IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", "second-" + lot);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(second.body()).contains("already-submitted").contains("one contract per deal")
                .contains(json(submitted).path("id").asString());
        // The first submission repeated is still the first contract.
        submission.put("title", "玉米皮菌体蛋白生物发酵饲料生产技术技术转让合同").put("signedOn", "2026-11-25");
        var again = http.post("/api/v1/contract/contracts", submission.toString(), IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", "deal-" + lot);
        assertThat(json(again).path("id").asString()).isEqualTo(json(submitted).path("id").asString());
    }

    @Test
    void aContractDrawnUpFromADealMustKeepItsPartiesAndPrice() {
        String lot = newLotId();
        deliver(auctionWon(lot), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(DEALS + "/" + lot, IdentityToken.HEADER,
                TestIdentities.partner("imut")).statusCode() == 200);
        ObjectNode submission = (ObjectNode) json(http.get(DEALS + "/" + lot, IdentityToken.HEADER,
                TestIdentities.partner("imut"))).path("contractDraft").deepCopy();
        submission.put("subType", "PATENT_RIGHT").put("signedOn", "2026-11-25").put("validFrom", "2026-11-25")
                .put("validUntil", "2029-11-24").put("inventorSharePercent", 70)
                .put("contractAmountYuan", new BigDecimal("1500000.00"));
        submission.putArray("payments").addObject().put("dueOn", "2026-12-31")
                .put("amountYuan", new BigDecimal("1500000.00"));

        var cheaper = http.post("/api/v1/contract/contracts", submission.toString(), IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", "cheaper-" + lot);
        assertThat(cheaper.statusCode()).as(cheaper.body()).isEqualTo(409);
        assertThat(cheaper.body()).contains("deal-mismatch").contains("contractAmountYuan").contains("1980000.50");

        submission.put("dealId", newLotId());
        var unknown = http.post("/api/v1/contract/contracts", submission.toString(), IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", "unknown-" + lot);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("dealId");
    }

    @Test
    void aDealIsRecordedOnceHoweverOftenItIsDelivered() {
        String lot = newLotId();
        String eventId = UUID.randomUUID().toString();
        deliver(auctionWon(lot), eventId);
        deliver(auctionWon(lot), eventId);
        deliver(auctionWon(lot), UUID.randomUUID().toString());
        // a later deal of the same parties, delivered after the copies, shows they were all read
        String marker = newLotId();
        deliver(auctionWon(marker), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(DEALS + "/" + marker, IdentityToken.HEADER,
                TestIdentities.partner("yili")).statusCode() == 200);

        JsonNode page = json(http.get(DEALS + "?limit=200&after=" + lot.substring(0, 17) + "00000000",
                IdentityToken.HEADER, TestIdentities.partner("yili")));
        assertThat(dealIds(page)).filteredOn(lot::equals).hasSize(1);
    }

    @Test
    void onlyThePartiesTheSellersRegistrationInstitutionsAndOperatorsSeeADeal() {
        String lot = newLotId();
        deliver(auctionWon(lot), UUID.randomUUID().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get(DEALS + "/" + lot, IdentityToken.HEADER,
                TestIdentities.operator()).statusCode() == 200);

        assertThat(http.get(DEALS + "/" + lot, IdentityToken.HEADER, TestIdentities.partner("yili")).statusCode())
                .as("the buyer").isEqualTo(200);
        assertThat(http.get(DEALS + "/" + lot, IdentityToken.HEADER, desk("tcr-150100-02")).statusCode())
                .as("a registration institution of the seller's league-city").isEqualTo(200);
        assertThat(http.get(DEALS + "/" + lot, IdentityToken.HEADER, TestIdentities.partner("imau")).statusCode())
                .as("another university").isEqualTo(404);
        assertThat(http.get(DEALS + "/" + lot, IdentityToken.HEADER, desk("tcr-150200-01")).statusCode())
                .as("Baotou's registration institution").isEqualTo(404);
        assertThat(dealIds(json(http.get(DEALS + "?limit=200", IdentityToken.HEADER, desk("tcr-150200-01")))))
                .doesNotContain(lot);

        var broker = http.get(DEALS, IdentityToken.HEADER, TestIdentities.token(
                new CallerIdentity("broker-nmg-tto", Role.BROKER, "nmg-tto", "150100")));
        assertThat(broker.statusCode()).isEqualTo(403);
        assertThat(broker.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(http.get(DEALS + "?after=not-a-lot", IdentityToken.HEADER, TestIdentities.operator()).statusCode())
                .isEqualTo(400);
    }
}
