package org.mengkeju.finance.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.finance.FinanceFixtures.enterprise;
import static org.mengkeju.finance.FinanceFixtures.product;
import static org.mengkeju.finance.FinanceFixtures.unique;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.Topics;
import org.mengkeju.finance.FinanceFixtures;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.json.JsonMapper;

/** An enterprise applies; its bank reports outcomes, validated, and each goes out as an event. */
@ServiceIntegrationTest
class LeadOutcomeTest {

    static final String RULES = """
            [{"anyOf":[{"field":"HIGH_TECH_ENTERPRISE","is":true}]}]""";

    static final JsonMapper JSON = JsonMapper.builder().build();

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
    void anApplicationBecomesALeadOfTheBankOnlyWithConsentRecorded() {
        String boimc = unique("boimc");
        String enterprise = unique("sulfide");
        String productId = finance.productQualified(boimc, product("知识产权质押贷", RULES));

        var applied = apply(enterprise, productId, "{\"requestedAmountYuan\":3000000}");

        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        assertThat(json(applied).path("origin").asString()).isEqualTo("APPLIED");
        assertThat(json(applied).path("reasons")).isEmpty();
        assertThat(finance.profile(enterprise).path("consent").asBoolean()).isTrue();
        String leadId = json(applied).path("leadId").asString();
        assertThat(finance.feedAbout(boimc, enterprise, productId)).singleElement()
                .satisfies(lead -> assertThat(lead.path("leadId").asString()).isEqualTo(leadId));
        // another bank neither reads nor updates it, nor sees it in its feed
        String picc = unique("picc");
        assertThat(finance.http().get(AREA + "/products/" + productId + "/leads/" + leadId, IdentityToken.HEADER,
                bank(picc)).statusCode()).isEqualTo(404);
        assertThat(finance.report(picc, productId, leadId, "{\"outcome\":\"CONTACTED\"}").statusCode())
                .isEqualTo(404);
        assertThat(finance.feed(picc)).isEmpty();
        // the enterprise reads its own lead; more than the product's maximum is not asked for
        assertThat(finance.http().get(AREA + "/products/" + productId + "/leads/" + leadId, IdentityToken.HEADER,
                enterprise(enterprise)).statusCode()).isEqualTo(200);
        assertProblem(apply(unique("other"), productId, "{\"requestedAmountYuan\":10000000.01}"), 400,
                "requestedAmountYuan");
    }

    @Test
    void outcomesAreValidatedAndEmitted() {
        String boimc = unique("boimc");
        String enterprise = unique("sulfide");
        String productId = finance.productQualified(boimc, product("知识产权质押贷", RULES));
        String leadId = json(apply(enterprise, productId, "{}")).path("leadId").asString();
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

        assertProblem(finance.report(boimc, productId, leadId, disbursed("1000000", today)), 409, "not-approved");
        assertProblem(finance.report(boimc, productId, leadId, approved("10000000.01", today)), 400, "amountYuan");
        assertProblem(finance.report(boimc, productId, leadId, approved("-5", today)), 400, "amountYuan");
        assertProblem(finance.report(boimc, productId, leadId, approved("3000000", today.plusDays(1))), 400,
                "is in the future");
        assertProblem(finance.report(boimc, productId, leadId, "{\"outcome\":\"REJECTED\"}"), 400, "reason");
        assertProblem(finance.report(boimc, productId, leadId, "{\"outcome\":\"APPROVED\",\"amountYuan\":\"3000000\","
                + "\"date\":\"" + today + "\"}"), 400, "amountYuan");
        assertThat(finance.report(boimc, productId, leadId, "{\"outcome\":\"CONTACTED\"}").statusCode())
                .isEqualTo(200);

        var approved = finance.report(boimc, productId, leadId, approved("3000000", today.minusDays(2)));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("APPROVED");
        assertProblem(finance.report(boimc, productId, leadId, disbursed("3000000.01", today)), 400,
                "above the approved");
        assertProblem(finance.report(boimc, productId, leadId, disbursed("3000000", today.minusDays(3))), 400,
                "before the approval");
        var disbursed = finance.report(boimc, productId, leadId, disbursed("3000000", today));
        assertThat(disbursed.statusCode()).as(disbursed.body()).isEqualTo(200);
        assertThat(json(disbursed).path("disbursedAmountYuan").decimalValue()).isEqualByComparingTo("3000000");
        assertProblem(finance.report(boimc, productId, leadId, "{\"outcome\":\"CONTACTED\"}"), 409,
                "outcome-not-allowed");

        var events = TopicReader.await(kafka, Topics.FINANCE_LEADS, r -> leadId.equals(r.key()), Duration.ofSeconds(30),
                4);
        assertThat(events).extracting(r -> JSON.readTree(r.value()).path("action").asString())
                .containsExactly("APPLIED", "CONTACTED", "APPROVED", "DISBURSED");
        var last = JSON.readTree(events.getLast().value());
        assertThat(last.path("amountYuan").decimalValue()).isEqualByComparingTo("3000000");
        assertThat(last.path("onDate").asString()).isEqualTo(today.toString());
        assertThat(last.path("institutionId").asString()).isEqualTo(boimc);
        assertThat(TopicReader.header(events.getLast(), "ce_type")).isEqualTo("org.mengkeju.finance.lead.status-changed.v1");
    }

    private HttpResponse<String> apply(String enterprise, String productId, String body) {
        return finance.http().post(AREA + "/products/" + productId + "/applications", body, IdentityToken.HEADER,
                enterprise(enterprise), "Idempotency-Key", unique("a"));
    }

    private static String approved(String amount, LocalDate on) {
        return "{\"outcome\":\"APPROVED\",\"amountYuan\":" + amount + ",\"date\":\"" + on + "\"}";
    }

    private static String disbursed(String amount, LocalDate on) {
        return "{\"outcome\":\"DISBURSED\",\"amountYuan\":" + amount + ",\"date\":\"" + on + "\"}";
    }

    private static void assertProblem(HttpResponse<String> response, int status, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains(named);
    }
}
