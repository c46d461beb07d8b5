package org.mengkeju.matching;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.mengkeju.matching.supply.CatalogEvents;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceDefaultsTest;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

class MatchingServiceDefaultsTest extends ServiceDefaultsTest {

    /** The public achievement the API document's examples name. */
    static final String EXAMPLE_ACHIEVEMENT = "ach-5d0a8c3e2b7f4a19";

    @Value("${spring.embedded.kafka.brokers}")
    String kafka;

    @Override
    protected String apiArea() {
        return "/api/v1/matching";
    }

    /** The examples' demands are a Baotou polishing-powder maker's (包头, 150200). */
    @Override
    protected String roleMatrixInstitution() {
        return "baotou-rare-earth-polish";
    }

    @Override
    protected String roleMatrixRegion() {
        return "150200";
    }

    /** The team the examples apply to Baogang's challenge with is imust's (内蒙古科技大学). */
    @Override
    protected String[] roleMatrixCaller(String operationId, String role) {
        if ("PARTNER".equals(role) && "applyToChallenge".equals(operationId)) {
            return new String[] {IdentityToken.HEADER, TestIdentities.partner("imust")};
        }
        return super.roleMatrixCaller(operationId, role);
    }

    /** The examples' achievement is in the index, as the catalog would have put it there, before the walk. */
    @BeforeEach
    void indexTheExamplesAchievement() {
        if (http().get(apiArea() + "/achievements/" + EXAMPLE_ACHIEVEMENT, IdentityToken.HEADER,
                TestIdentities.operator()).statusCode() == 200) {
            return;
        }
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(EXAMPLE_ACHIEVEMENT, "PUBLISHED", 3));
        await().atMost(Duration.ofSeconds(30)).until(() -> http().get(apiArea() + "/achievements/"
                + EXAMPLE_ACHIEVEMENT, IdentityToken.HEADER, TestIdentities.operator()).statusCode() == 200);
    }
}
