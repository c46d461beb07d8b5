package org.mengkeju.contract.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.contract.FakeCatalog;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TestMetrics;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Post-subsidy eligibility and statistics over contracts registered through the API. */
@ServiceIntegrationTest
class ContractReportsTest {

    /** A Baotou institute's service contract with a Wuhai company: both in the region. */
    static final String IN_REGION = """
            {"type":"SERVICE","subType":"BROKERAGE","title":"稀土硫化物着色剂中试技术中介服务合同",
             "seller":{"institutionId":"bt-re-center","name":"包头稀土研发中心","creditCode":"91150200MA0Q7RD4XW",
                       "regionCode":"150200","publicResearchBody":false},
             "buyer":{"name":"乌海市新材料有限公司","creditCode":"91150100MA0PX3Y86X","regionCode":"150300",
                      "publicResearchBody":false},
             "brokers":[{"institutionId":"nmg-tto","name":"内蒙古自治区技术转移中心","creditCode":"12150000MB1A23456W",
                         "regionCode":"150100","publicResearchBody":false}],
             "signedOn":"2026-03-02","validFrom":"2026-03-02","validUntil":"2026-12-31",
             "contractAmountYuan":320000.00,
             "payments":[{"dueOn":"2026-04-30","amountYuan":320000.00}],
             "achievementIds":["ach-2d9b4e61a0c7f853"]}""";
    /** The same seller with a buyer in Beijing: registered, but not eligible for the region's post-subsidies. */
    static final String BUYER_OUTSIDE = IN_REGION.replace("\"name\":\"乌海市新材料有限公司\",\"creditCode\":\"91150100MA0PX3Y86X\","
            + "\"regionCode\":\"150300\"", "\"name\":\"北京某科技有限公司\",\"creditCode\":\"91110108MA01ABCD1E\","
            + "\"regionCode\":\"110108\"");

    @Value("${local.server.port}")
    int port;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        FakeCatalog.get().down(false);
    }

    static String baotouDesk() {
        return TestIdentities.token(new CallerIdentity("tcr-150200-01-desk", Role.OPERATOR, "tcr-150200-01", "150200"));
    }

    String registered(String body) {
        String copy = body.replaceFirst("合同\"", "合同（" + UUID.randomUUID().toString().substring(0, 8) + "）\"");
        var submitted = http.post("/api/v1/contract/contracts", copy, IdentityToken.HEADER,
                TestIdentities.partner("bt-re-center"), "Idempotency-Key", "bt-" + UUID.randomUUID());
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
        String id = json(submitted).path("id").asString();
        var registered = http.post("/api/v1/contract/contracts/" + id + "/decisions", "{\"decision\":\"REGISTER\"}",
                IdentityToken.HEADER, baotouDesk());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        return id;
    }

    JsonNode statisticsRow(String identity) {
        String month = YearMonth.now(ZoneId.of("Asia/Shanghai")).toString();
        var rows = json(http.get("/api/v1/contract/statistics?from=" + month + "&to=" + month,
                IdentityToken.HEADER, identity));
        for (JsonNode row : rows) {
            if (row.path("type").asString().equals("SERVICE") && row.path("regionCode").asString().equals("150200")) {
                return row;
            }
        }
        return null;
    }

    @Test
    void onlyContractsWithBothPartiesInTheRegionAreEligibleWithTotalsPerInstitutionAndBroker() {
        String eligible = registered(IN_REGION);
        String outside = registered(BUYER_OUTSIDE);
        int claimYear = ClaimYear.of(LocalDate.now(ZoneId.of("Asia/Shanghai"))).year();

        var response = http.get("/api/v1/contract/post-subsidies?claimYear=" + claimYear, IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var report = json(response);
        assertThat(report.path("contracts").findValuesAsString("contractId")).contains(eligible).doesNotContain(outside);
        JsonNode broker = null;
        for (JsonNode total : report.path("perBroker")) {
            if (total.path("creditCode").asString().equals("12150000MB1A23456W")) {
                broker = total;
            }
        }
        assertThat(broker).isNotNull();
        assertThat(broker.path("contracts").asLong()).isPositive();
        assertThat(report.path("perInstitution").findValuesAsString("creditCode")).contains("91150200MA0Q7RD4XW",
                "91150100MA0PX3Y86X").doesNotContain("91110108MA01ABCD1E");

        var lastYear = json(http.get("/api/v1/contract/post-subsidies?claimYear=" + (claimYear - 1),
                IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(lastYear.path("contracts").findValuesAsString("contractId")).doesNotContain(eligible);
    }

    @Test
    void theDashboardGaugesCountTheRegisteredContractsAndTheirTechnologyTransactionAmount() {
        double registered = TestMetrics.value(http, "mengkeju_contract_contracts", "status", "REGISTERED");
        double amount = TestMetrics.value(http, "mengkeju_contract_registered_technology_amount_yuan");

        registered(IN_REGION);

        assertThat(TestMetrics.value(http, "mengkeju_contract_contracts", "status", "REGISTERED"))
                .isEqualTo(registered + 1);
        assertThat(TestMetrics.value(http, "mengkeju_contract_registered_technology_amount_yuan"))
                .isCloseTo(amount + 320_000.00, org.assertj.core.data.Offset.offset(0.005));
    }

    @Test
    void statisticsCountRegistrationsByMonthTypeAndRegionAndDropACancelledOne() {
        JsonNode before = statisticsRow(TestIdentities.operator());
        long count = before == null ? 0 : before.path("registered").asLong();
        BigDecimal amount = before == null ? BigDecimal.ZERO : before.path("technologyTransactionAmountYuan").decimalValue();

        registered(IN_REGION);
        String cancelled = registered(IN_REGION);
        http.post("/api/v1/contract/contracts/" + cancelled + "/amendments",
                "{\"kind\":\"CANCEL\",\"reason\":\"双方协商一致解除合同\"}", IdentityToken.HEADER, baotouDesk());

        JsonNode after = statisticsRow(baotouDesk());
        assertThat(after.path("registered").asLong()).isEqualTo(count + 1);
        assertThat(after.path("technologyTransactionAmountYuan").decimalValue())
                .isEqualByComparingTo(amount.add(new BigDecimal("320000.00")));
    }

    @Test
    void reportsAreForOperatorsAndRegistrationInstitutions() {
        var partner = http.get("/api/v1/contract/post-subsidies", IdentityToken.HEADER, TestIdentities.partner("imut"));
        var badMonth = http.get("/api/v1/contract/statistics?from=2026-13", IdentityToken.HEADER,
                TestIdentities.operator());
        var reversed = http.get("/api/v1/contract/statistics?from=2026-05&to=2026-04", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(badMonth.statusCode()).isEqualTo(400);
        assertThat(json(badMonth).path("detail").asString()).contains("from");
        assertThat(reversed.statusCode()).isEqualTo(400);
        assertThat(json(reversed).path("type").asString()).endsWith("/period-ends-before-start");
    }
}
