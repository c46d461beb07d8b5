package org.mengkeju.catalog.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class CatalogFiguresTest {

    @Value("${local.server.port}")
    int port;

    @Test
    void listingsByStatusFollowTheCatalog() {
        TestHttp http = TestHttp.localPort(port);
        double drafts = listings(http, "DRAFT");
        double submitted = listings(http, "SUBMITTED");

        var created = http.post("/api/v1/catalog/achievements", """
                {"title":"草种丸粒化包衣技术","industryChain":"GRASS","maturity":"PILOT","transferModes":["LICENCE"]}""",
                IdentityToken.HEADER, TestIdentities.partner("imau"), "Idempotency-Key", UUID.randomUUID().toString());
        String id = TestHttp.json(created).path("id").asString();
        assertThat(listings(http, "DRAFT")).isEqualTo(drafts + 1);
        http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}", IdentityToken.HEADER,
                TestIdentities.partner("imau"));

        assertThat(listings(http, "DRAFT")).isEqualTo(drafts);
        assertThat(listings(http, "SUBMITTED")).isEqualTo(submitted + 1);
    }

    private static double listings(TestHttp http, String status) {
        String metrics = http.get("/actuator/prometheus").body();
        Matcher m = Pattern.compile("^mengkeju_catalog_listings\\{[^}]*status=\"" + status + "\"[^}]*} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("mengkeju_catalog_listings for %s", status).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
