package org.mengkeju.contract;

import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceDefaultsTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

class ContractServiceDefaultsTest extends ServiceDefaultsTest {

    /** The deal the deals API's examples read (their {@code dealId}); deals arrive only as the catalog's events. */
    static final String EXAMPLE_DEAL = "lot-019a8f3c2e10-5b1e9d07";

    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Value("${local.server.port}")
    int servicePort;

    @BeforeEach
    void theExampleDealWasFinalised() {
        TestEvents.publish(kafka, DealFinalised.CONTRACT, EXAMPLE_DEAL, "example-deal-finalised",
                "/mengkeju/catalog-service", new DealFinalised(EXAMPLE_DEAL, FakeCatalog.CORN_HUSK_FEED,
                        "玉米皮菌体蛋白生物发酵饲料生产技术", "ASSIGNMENT", "AUCTION", new BigDecimal("3680000.00"),
                        new BigDecimal("2800000.00"),
                        new DealFinalised.Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true),
                        new DealFinalised.Party("yili", "内蒙古伊利实业集团股份有限公司", "91150100MA0N1YL015", "150100",
                                false), null, Instant.parse("2026-11-20T02:00:00Z")));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestHttp.localPort(servicePort).get(
                "/api/v1/contract/deals/" + EXAMPLE_DEAL, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode() == 200);
    }

    @Override
    protected String apiArea() {
        return "/api/v1/contract";
    }

    /**
     * The documented examples are walked as a registration institution of Hohhot: it may key in the example
     * contract (its seller is in Hohhot) and take it up for review.
     */
    @Override
    protected String[] documentedApiCaller() {
        return new String[] {IdentityToken.HEADER, TestIdentities.token(
                new CallerIdentity("tcr-150100-01-desk", Role.OPERATOR, "tcr-150100-01", "150100"))};
    }

    /** The matrix submits a contract of its own: the example's is submitted once, by the document walk. */
    @Override
    protected String[] roleMatrixBody(String operationId, String example) {
        return "submitContract".equals(operationId)
                ? new String[] {"application/json", example.replace("独占许可合同", "独占许可合同（续签）")}
                : null;
    }

    /** In the role matrix the operator is that registration institution too: it decides on the contract. */
    @Override
    protected String[] roleMatrixCaller(String operationId, String role) {
        return "OPERATOR".equals(role) ? documentedApiCaller() : super.roleMatrixCaller(operationId, role);
    }
}
