package org.mengkeju.finance.fund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.finance.FinanceFixtures.enterprise;
import static org.mengkeju.finance.FinanceFixtures.operator;
import static org.mengkeju.finance.FinanceFixtures.product;
import static org.mengkeju.finance.FinanceFixtures.unique;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.Topics;
import org.mengkeju.events.finance.LeadStatusChanged;
import org.mengkeju.finance.FinanceFixtures;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestMetrics;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Disbursements tracked by a risk-compensation fund against its cap, and the figures for dashboards. */
@ServiceIntegrationTest
class FundAndFiguresTest {

    static final String RULES = """
            [{"anyOf":[{"field":"HIGH_TECH_ENTERPRISE","is":true}]}]""";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    FinanceFixtures finance;

    @BeforeEach
    void setUp() {
        finance = new FinanceFixtures(port, kafka);
    }

    @Test
    void aLoanThatWouldExceedTheLeverageCapIsFlaggedNotCountedAndTheFiguresAddUp() {
        String bank = unique("boimc");
        JsonNode established = establish("包头市科技型企业贷款风险补偿资金", "2.5", bank);
        String fundId = established.path("fundId").asString();
        assertThat(established.path("capacityYuan").decimalValue()).isEqualByComparingTo("2500000");
        String productId = finance.productQualified(bank, product("知识产权质押贷", RULES));

        String first = disburse(bank, productId, "1500000");
        String over = disburse(bank, productId, "1200000");
        String exactly = disburse(bank, productId, "1000000");

        await().atMost(Duration.ofSeconds(30)).until(() -> fund(fundId).path("loansCounted").asInt() == 2
                && fund(fundId).path("flagged").size() == 1);
        JsonNode fund = fund(fundId);
        assertThat(fund.path("countedYuan").decimalValue()).isEqualByComparingTo("2500000");
        assertThat(fund.path("headroomYuan").decimalValue()).isEqualByComparingTo("0");
        assertThat(fund.path("leverageUsed").decimalValue()).isEqualByComparingTo("2.50");
        assertThat(fund.path("flagged").get(0).path("leadId").asString()).isEqualTo(over);
        assertThat(fund.path("flaggedYuan").decimalValue()).isEqualByComparingTo("1200000");
        assertThat(first).isNotEqualTo(exactly);
        // the bank does not read the fund; bad capital and leverage are 400s
        assertThat(finance.http().get(AREA + "/funds/" + fundId, IdentityToken.HEADER, bank(bank)).statusCode())
                .isEqualTo(404);
        var badLeverage = finance.http().post(AREA + "/funds", """
                {"name":"x","capitalYuan":1000000,"leverageCap":0.5,"institutionIds":["%s"]}""".formatted(bank),
                IdentityToken.HEADER, operator(), "Idempotency-Key", unique("f"));
        assertThat(badLeverage.statusCode()).isEqualTo(400);
        assertThat(badLeverage.body()).contains("leverageCap");
        for (String list : java.util.List.of("\"institutionIds\":[null]", "\"institutionIds\":[\"%s\"],\"productTypes\":[null]"
                .formatted(bank))) {
            var nullInList = finance.http().post(AREA + "/funds", """
                    {"name":"x","capitalYuan":1000000,"leverageCap":8,%s}""".formatted(list),
                    IdentityToken.HEADER, operator(), "Idempotency-Key", unique("f"));
            assertThat(nullInList.statusCode()).as(nullInList.body()).isEqualTo(400);
        }

        var figures = json(finance.http().get(AREA + "/statistics", IdentityToken.HEADER, bank(bank)));
        assertThat(figures.path("scope").asString()).isEqualTo(bank);
        assertThat(figures.path("leads").asLong()).isEqualTo(3);
        assertThat(figures.path("totalFinancingYuan").decimalValue()).isEqualByComparingTo("3700000");
        assertThat(figures.path("approvalRate").decimalValue()).isEqualByComparingTo("1");
        assertThat(figures.path("disbursedByInstitution").get(0).path("key").asString()).isEqualTo(bank);
        assertThat(figures.path("disbursedByMonth").get(0).path("key").asString())
                .isEqualTo(LocalDate.now(ZoneId.of("Asia/Shanghai")).toString().substring(0, 7));
        assertThat(figures.path("leadsByProductAndStatus")).singleElement().satisfies(count -> {
            assertThat(count.path("status").asString()).isEqualTo("DISBURSED");
            assertThat(count.path("leads").asLong()).isEqualTo(3);
        });
        var platform = json(finance.http().get(AREA + "/statistics", IdentityToken.HEADER, operator()));
        assertThat(platform.path("totalFinancingYuan").decimalValue()).isGreaterThanOrEqualTo(
                figures.path("totalFinancingYuan").decimalValue());
        assertThat(finance.http().get(AREA + "/statistics", IdentityToken.HEADER, enterprise("btre")).statusCode())
                .isEqualTo(403);
        assertThat(finance.http().get("/actuator/prometheus").body()).contains("mengkeju_finance_disbursed_yuan");
        // this test's three disbursed leads are among those the funnel gauge counts
        assertThat(TestMetrics.value(finance.http(), "mengkeju_finance_leads_by_status", "status", "DISBURSED"))
                .isGreaterThanOrEqualTo(3);
        assertThat(TestMetrics.value(finance.http(), "mengkeju_finance_disbursed_yuan"))
                .isGreaterThanOrEqualTo(3_700_000);
    }

    @Test
    void aDisbursementRedeliveredOrReplayedIsCountedOnceAndOnlyTheFundsBanksAndTypesCount() {
        String bank = unique("boimc");
        String fundId = establish("呼和浩特市科技金融风险补偿资金", "2", bank).path("fundId").asString();
        String productId = finance.productQualified(bank, product("知识产权质押贷", RULES));
        String leadId = disburse(bank, productId, "600000");
        await().atMost(Duration.ofSeconds(30)).until(() -> fund(fundId).path("loansCounted").asInt() == 1);

        var published = TopicReader.await(kafka, Topics.FINANCE_LEADS, r -> leadId.equals(r.key())
                && r.value().contains("\"DISBURSED\""), Duration.ofSeconds(30), 1).getFirst();
        LeadStatusChanged disbursed = EventJson.read(published.value(), LeadStatusChanged.class);
        String type = LeadStatusChanged.CONTRACT.type();
        // the same event delivered again (same id), and replayed under a new id: the fund keeps each lead once
        TestEvents.send(kafka, Topics.FINANCE_LEADS, leadId, TopicReader.header(published, "ce_id"), type,
                "finance-service", published.value(), null);
        TestEvents.publish(kafka, LeadStatusChanged.CONTRACT, leadId, UUID.randomUUID().toString(),
                "finance-service", disbursed);
        // another bank's loan, another product type, a status change that is no disbursement: none of its business
        TestEvents.publish(kafka, LeadStatusChanged.CONTRACT, leadId, UUID.randomUUID().toString(),
                "finance-service", copy(disbursed, "ld-" + hex(), "DISBURSED", unique("picc"), "IP_PLEDGE_LOAN"));
        TestEvents.publish(kafka, LeadStatusChanged.CONTRACT, leadId, UUID.randomUUID().toString(),
                "finance-service", copy(disbursed, "ld-" + hex(), "DISBURSED", bank, "PURCHASE_LOAN"));
        TestEvents.publish(kafka, LeadStatusChanged.CONTRACT, leadId, UUID.randomUUID().toString(),
                "finance-service", copy(disbursed, "ld-" + hex(), "APPROVED", bank, "IP_PLEDGE_LOAN"));
        // a loan of another amount that counts, after all of them on the same key: once it is counted, they were read
        TestEvents.publish(kafka, LeadStatusChanged.CONTRACT, leadId, UUID.randomUUID().toString(),
                "finance-service", new LeadStatusChanged("ld-" + hex(), "DISBURSED", "APPROVED", "DISBURSED",
                        disbursed.productId(), disbursed.productVersion(), "IP_PLEDGE_LOAN", bank,
                        disbursed.enterpriseId(), new BigDecimal("250000"), disbursed.onDate(), null,
                        disbursed.actor(), disbursed.changedAt()));

        await().atMost(Duration.ofSeconds(30)).until(() -> fund(fundId).path("countedYuan").decimalValue()
                .compareTo(new BigDecimal("850000")) >= 0);
        JsonNode fund = fund(fundId);
        assertThat(fund.path("countedYuan").decimalValue()).isEqualByComparingTo("850000");
        assertThat(fund.path("loansCounted").asInt()).isEqualTo(2);
        assertThat(fund.path("flagged")).isEmpty();
    }

    private static LeadStatusChanged copy(LeadStatusChanged event, String leadId, String action, String institution,
            String productType) {
        return new LeadStatusChanged(leadId, action, "APPROVED", action, event.productId(), event.productVersion(),
                productType, institution, event.enterpriseId(), event.amountYuan(), event.onDate(), null,
                event.actor(), event.changedAt());
    }

    private static String hex() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A fund of 1,000,000 yuan at this leverage for the bank's IP-pledge loans, as the operator establishes it. */
    private JsonNode establish(String name, String leverageCap, String bank) {
        var established = finance.http().post(AREA + "/funds", """
                {"name":"%s","capitalYuan":1000000,"leverageCap":%s,
                 "institutionIds":["%s"],"productTypes":["IP_PLEDGE_LOAN"]}""".formatted(name, leverageCap, bank),
                IdentityToken.HEADER, operator(), "Idempotency-Key", unique("f"));
        assertThat(established.statusCode()).as(established.body()).isEqualTo(201);
        return json(established);
    }

    private JsonNode fund(String fundId) {
        return json(finance.http().get(AREA + "/funds/" + fundId, IdentityToken.HEADER, operator()));
    }

    /** An enterprise applies, the bank approves and disburses the amount today; returns the lead. */
    private String disburse(String bank, String productId, String amount) {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        var applied = finance.http().post(AREA + "/products/" + productId + "/applications", "{}",
                IdentityToken.HEADER, enterprise(unique("ent")), "Idempotency-Key", unique("a"));
        String leadId = json(applied).path("leadId").asString();
        assertThat(finance.report(bank, productId, leadId, """
                {"outcome":"APPROVED","amountYuan":%s,"date":"%s"}""".formatted(amount, today)).statusCode())
                .isEqualTo(200);
        assertThat(finance.report(bank, productId, leadId, """
                {"outcome":"DISBURSED","amountYuan":%s,"date":"%s"}""".formatted(amount, today)).statusCode())
                .isEqualTo(200);
        return leadId;
    }
}
