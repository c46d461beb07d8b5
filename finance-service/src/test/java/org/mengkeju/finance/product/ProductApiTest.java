package org.mengkeju.finance.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.finance.FinanceFixtures.enterprise;
import static org.mengkeju.finance.FinanceFixtures.operator;
import static org.mengkeju.finance.FinanceFixtures.product;
import static org.mengkeju.finance.FinanceFixtures.unique;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.FinanceFixtures;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Value;

/** Products on the real service: publishing, versions, bad input, and who may see or change what. */
@ServiceIntegrationTest
class ProductApiTest {

    static final String RULES = """
            [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":2},
                       {"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":5000000}]}]""";

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
    void aBankPublishesAProductAndEachChangeIsANewVersion() {
        String boimc = unique("boimc");
        var published = finance.publishProduct(boimc, product("知识产权质押贷", RULES));
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        String id = json(published).path("productId").asString();
        assertThat(json(published).path("institutionId").asString()).isEqualTo(boimc);
        assertThat(json(published).path("productVersion").asInt()).isEqualTo(1);

        var revised = finance.http().put(AREA + "/products/" + id, """
                {"name":"知识产权质押贷（2027版）","amountMinYuan":500000,"amountMaxYuan":20000000,
                 "termMonthsMin":12,"termMonthsMax":36,"rateMinPercent":3.2,"rateMaxPercent":4.2,"rules":%s}"""
                .formatted(RULES), IdentityToken.HEADER, bank(boimc));

        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        assertThat(json(revised).path("productVersion").asInt()).isEqualTo(2);
        assertThat(json(revised).path("amountMaxYuan").decimalValue()).isEqualByComparingTo("20000000");
        assertThat(finance.http().get(AREA + "/products", IdentityToken.HEADER, bank(boimc)).body()).contains(id);
    }

    @Test
    void aRuleOnAnUnknownFieldIsA400NamingItAndNothingIsSaved() {
        String bank = unique("bank");
        var response = finance.publishProduct(bank, product("科创易贷", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":1}]},
                 {"anyOf":[{"field":"ANNUAL_REVENUE","atLeast":10000000}]}]"""));

        assertProblem(response, 400, "rules[1].anyOf[0].field");
        assertThat(json(response).path("detail").asString()).contains("ANNUAL_REVENUE");
        assertThat(json(finance.http().get(AREA + "/products", IdentityToken.HEADER, bank(bank))).path("items"))
                .isEmpty();
    }

    @Test
    void aNegativeAmountAndARateAbove100PercentAre400sNamingTheField() {
        String bank = unique("bank");
        assertProblem(finance.publishProduct(bank, product("采购易贷", RULES).replace("\"amountMinYuan\":500000",
                "\"amountMinYuan\":-500000")), 400, "amountMinYuan");
        assertProblem(finance.publishProduct(bank, product("采购易贷", RULES).replace("\"rateMaxPercent\":4.35",
                "\"rateMaxPercent\":120")), 400, "rateMaxPercent");
        assertProblem(finance.publishProduct(bank, product("采购易贷", RULES).replace("\"amountMaxYuan\":10000000",
                "\"amountMaxYuan\":\"10000000\"")), 400, "amountMaxYuan");
    }

    @Test
    void anotherBankCannotReadOrChangeAProductAndLearnsNotEvenThatItExists() {
        String owner = unique("boimc");
        String other = unique("picc");
        String id = json(finance.publishProduct(owner, product("易贷通循环贷", RULES))).path("productId").asString();

        var read = finance.http().get(AREA + "/products/" + id, IdentityToken.HEADER, bank(other));
        var change = finance.http().put(AREA + "/products/" + id, """
                {"name":"改","amountMinYuan":1,"amountMaxYuan":2,"termMonthsMin":1,"termMonthsMax":2,
                 "rateMinPercent":1,"rateMaxPercent":2,"rules":%s}""".formatted(RULES), IdentityToken.HEADER,
                bank(other));
        var missing = finance.http().get(AREA + "/products/fp-0000000000000000", IdentityToken.HEADER, bank(other));

        assertThat(read.statusCode()).isEqualTo(404);
        assertThat(change.statusCode()).isEqualTo(404);
        assertThat(json(read).path("detail").asString()).isEqualTo(json(missing).path("detail").asString()
                .replace("fp-0000000000000000", id));
        assertThat(json(finance.http().get(AREA + "/products", IdentityToken.HEADER, bank(other))).path("items"))
                .isEmpty();
        // enterprises read what is on offer; an operator reads but does not change it; a partner does not publish
        assertThat(finance.http().get(AREA + "/products/" + id, IdentityToken.HEADER, enterprise("btre"))
                .statusCode()).isEqualTo(200);
        assertThat(finance.http().put(AREA + "/products/" + id, product("x", RULES).replace("\"type\":\"IP_PLEDGE_LOAN\",",
                ""), IdentityToken.HEADER, operator()).statusCode()).isEqualTo(403);
        assertProblem(finance.http().post(AREA + "/products", product("x", RULES), IdentityToken.HEADER,
                enterprise("btre"), "Idempotency-Key", unique("k")), 403, "finance institutions");
    }

    private static void assertProblem(HttpResponse<String> response, int status, String named) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(response.body()).contains(named);
    }
}
