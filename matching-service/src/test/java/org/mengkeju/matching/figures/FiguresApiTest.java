package org.mengkeju.matching.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class FiguresApiTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void theShareOfDemandsMatchedInALeagueCityIsReadByItsSubCenterAndOperators() {
        TestHttp http = TestHttp.localPort(port);
        String owner = "alxa-" + UUID.randomUUID().toString().substring(0, 8);
        String matched = post(http, owner);
        post(http, owner);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port
                        + "/api/v1/matching/demands/" + matched + "/status"))
                .header(IdentityToken.HEADER, TestIdentities.partner(owner)).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"status\":\"MATCHED\"}")).build();
        try {
            java.net.http.HttpClient.newHttpClient().send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        String alxaSubCenter = TestIdentities.token(new CallerIdentity("alxa-sub", Role.SUB_CENTER, null, "152900"));
        String hinggan = TestIdentities.token(new CallerIdentity("hinggan-sub", Role.SUB_CENTER, null, "152200"));

        var asOperator = json(http.get("/api/v1/matching/figures/demands?region=152900", IdentityToken.HEADER,
                TestIdentities.operator()));
        var asSubCenter = json(http.get("/api/v1/matching/figures/demands", IdentityToken.HEADER, alxaSubCenter));
        var otherCity = http.get("/api/v1/matching/figures/demands?region=152900", IdentityToken.HEADER, hinggan);
        var partner = http.get("/api/v1/matching/figures/demands", IdentityToken.HEADER,
                TestIdentities.partner(owner));

        assertThat(asOperator.path("posted").asLong()).isEqualTo(2);
        assertThat(asOperator.path("everMatched").asLong()).isEqualTo(1);
        assertThat(asOperator.path("matchedShare").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(asSubCenter.path("regionCode").asString()).isEqualTo("152900");
        assertThat(asSubCenter.path("posted").asLong()).isEqualTo(2);
        assertThat(otherCity.statusCode()).isEqualTo(403);
        assertThat(partner.statusCode()).isEqualTo(403);
    }

    private static String post(TestHttp http, String owner) {
        var response = http.post("/api/v1/matching/demands", """
                {"title":"荒漠肉苁蓉人工接种技术","problem":"梭梭林下接种肉苁蓉，提高接种成活率",
                 "industryChain":"BIOMEDICINE","regionCode":"152900","transferModes":["LICENCE"],
                 "deadline":"2027-06-30","contact":{"name":"巴特尔","phone":"0483-8223456"}}""",
                IdentityToken.HEADER, TestIdentities.partner(owner), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }
}
