package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import org.mengkeju.contract.FakeCatalog;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;

/** Realistic contracts and the callers of the registration desk, for the API tests. */
final class ContractSamples {

    static final String CONTRACTS = "/api/v1/contract/contracts";

    /** The corn-husk feed licence of 内蒙古工业大学 to a Chifeng feed company, brokered by the regional centre. */
    static final String CORN_HUSK_LICENCE = """
            {"type":"LICENCE","subType":"EXCLUSIVE","title":"玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同",
             "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                       "regionCode":"150100","publicResearchBody":true},
             "buyer":{"institutionId":"cfmg-feed","name":"赤峰市草原牧歌饲料有限公司","creditCode":"91150400MA0N2K7X37",
                      "regionCode":"150400","publicResearchBody":false},
             "brokers":[{"institutionId":"nmg-tto","name":"内蒙古自治区技术转移中心","creditCode":"12150000MB1A23456W",
                         "regionCode":"150100","publicResearchBody":false}],
             "signedOn":"2026-05-12","validFrom":"2026-05-12","validUntil":"2031-05-11",
             "contractAmountYuan":1500000.00,
             "nonTechnicalCosts":[{"kind":"EQUIPMENT","description":"发酵罐两台","amountYuan":237599.50}],
             "payments":[{"dueOn":"2026-06-30","amountYuan":500000.00},{"dueOn":"2027-06-30","amountYuan":1000000.00}],
             "achievementIds":["ach-7f3c2a9e41d84b0c"],
             "documents":["docs://imut/2026/ctr-0042/contract.pdf"],
             "inventorSharePercent":70}""";

    /** Coal-based solid-waste technology developed for a Baotou company by an Ordos enterprise: 10 million yuan. */
    static final String SOLID_WASTE_DEVELOPMENT = """
            {"type":"DEVELOPMENT","subType":"COMMISSIONED","title":"煤基固废低碳利用技术委托开发合同",
             "seller":{"institutionId":"ordos-coal-tech","name":"鄂尔多斯市煤基新材料科技有限公司",
                       "creditCode":"91150600MA13PLX12D","regionCode":"150602","publicResearchBody":false},
             "buyer":{"name":"包头市固废资源化利用有限公司","creditCode":"91150200MA0Q7RD4XW","regionCode":"150200",
                      "publicResearchBody":false},
             "signedOn":"2026-03-02","validFrom":"2026-03-02","validUntil":"2027-12-31",
             "contractAmountYuan":10000000.00,
             "nonTechnicalCosts":[{"kind":"RAW_MATERIALS","description":"试验用粉煤灰与添加剂","amountYuan":4999999.99}],
             "payments":[{"dueOn":"2026-03-31","amountYuan":3000000.00},{"dueOn":"2026-12-31","amountYuan":7000000.00}],
             "achievementIds":["ach-5c1e8b3f9d2a7064"]}""";

    private ContractSamples() {
    }

    private static final java.util.concurrent.atomic.AtomicInteger COPIES = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * The contract with a title of its own: the seller side applies once per contract as signed, so each test
     * submits its own copy.
     */
    static String unique(String body) {
        return body.replaceFirst("\"title\":\"([^\"]*)\"", "\"title\":\"$1（第" + COPIES.incrementAndGet() + "号）\"");
    }

    static String key() {
        return "test-" + UUID.randomUUID();
    }

    static String partner(String institutionId) {
        return TestIdentities.partner(institutionId);
    }

    /** An operator of registration institution {@code institutionId}, e.g. {@code tcr-150100-01}. */
    static String desk(String institutionId) {
        String region = institutionId.substring(4, 10);
        return TestIdentities.token(new CallerIdentity(institutionId + "-desk", Role.OPERATOR, institutionId, region));
    }

    static HttpResponse<String> submit(TestHttp http, String body, String identity) {
        return http.post(CONTRACTS, unique(body), IdentityToken.HEADER, identity, "Idempotency-Key", key());
    }

    static HttpResponse<String> decide(TestHttp http, String id, String decision, String identity) {
        return http.post(CONTRACTS + "/" + id + "/decisions", decision, IdentityToken.HEADER, identity);
    }

    /** Submits as the seller and waits until the catalog verified its achievements. */
    static String submittedAndVerified(TestHttp http, String body, String identity) {
        var response = submit(http, body, identity);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String id = json(response).path("id").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> json(http.get(CONTRACTS + "/" + id, IdentityToken.HEADER,
                TestIdentities.operator())).path("achievementCheck").asString().equals("VERIFIED"));
        return id;
    }

    /** Submitted, verified and accepted for review by {@code point}. */
    static String underReview(TestHttp http, String body, String submitter, String point) {
        String id = submittedAndVerified(http, body, submitter);
        var accepted = decide(http, id, "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", desk(point));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        return id;
    }

    static void makeSureTheCatalogIsUp() {
        FakeCatalog.get().down(false);
    }
}
