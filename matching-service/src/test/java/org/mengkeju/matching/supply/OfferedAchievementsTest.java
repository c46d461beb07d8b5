package org.mengkeju.matching.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.metrics.MetricNames;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The local index of public achievements, fed by the catalog's events on the real broker. */
@ServiceIntegrationTest
class OfferedAchievementsTest {

    static final String GROUP = "matching-achievement-index";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MeterRegistry meters;
    @Autowired
    OfferedAchievements index;
    @Autowired
    org.springframework.data.mongodb.core.MongoTemplate mongo;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aPublishedAchievementIsIndexedWithItsListing() {
        String id = achievementId();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(id, "PUBLISHED", 3));

        var indexed = awaitIndexed(id);

        assertThat(indexed.path("title").asString()).isEqualTo("稀土抛光粉废料湿法回收氧化铈工艺");
        assertThat(indexed.path("askingPriceYuan").decimalValue()).isEqualByComparingTo("1200000.00");
        assertThat(indexed.path("transferModes").get(0).asString()).isEqualTo("LICENCE");
        assertThat(indexed.path("catalogVersion").asLong()).isEqualTo(3);
        assertThat(index.offered(id).orElseThrow().terms()).contains("稀土", "抛光", "氧化");
    }

    @Test
    void aWithdrawnAchievementLeavesAndALateOlderCopyDoesNotBringItBack() {
        String id = achievementId();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(id, "PUBLISHED", 3));
        awaitIndexed(id);

        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(id, "WITHDRAWN", 5));
        awaitGone(id);
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(id, "PUBLISHED", 4));
        String marker = achievementId();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(marker, "PUBLISHED", 1));
        awaitIndexed(marker);

        assertThat(index.offered(id)).isEmpty();
        assertThat(http.get("/api/v1/matching/achievements/" + id, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode()).isEqualTo(404);
    }

    @Test
    void underNegotiationAndTransactedStayPublicButAReturnToReviewDoesNot() {
        String negotiating = achievementId();
        String transacted = achievementId();
        String returned = achievementId();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(negotiating, "UNDER_NEGOTIATION", 4));
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(transacted, "TRANSACTED", 6));
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(returned, "RETURNED", 2));

        awaitIndexed(negotiating);
        awaitIndexed(transacted);
        await().atMost(Duration.ofSeconds(30)).until(() -> mongo.findById(returned, OfferedAchievement.class) != null);
        assertThat(mongo.findById(returned, OfferedAchievement.class).offered()).isFalse();
        assertThat(index.offered(returned)).isEmpty();
    }

    @Test
    void theSameEventDeliveredTwiceIsTakenInOnceAndCountedAsADuplicate() {
        String id = achievementId();
        AchievementChanged published = CatalogEvents.wetCeriumRecovery(id, "PUBLISHED", 3);
        String eventId = UUID.randomUUID().toString();
        double duplicatesBefore = duplicates();

        CatalogEvents.publish(kafka, published, eventId);
        CatalogEvents.publish(kafka, published, eventId);

        awaitIndexed(id);
        await().atMost(Duration.ofSeconds(30)).until(() -> duplicates() > duplicatesBefore);
        assertThat(index.offered(id).orElseThrow().catalogVersion()).isEqualTo(3);
    }

    @Test
    void otherEventTypesOnTheTopicPassByAndAPoisonedOneGoesToTheDeadLetters() {
        String id = achievementId();
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, id, UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", new AchievementPublished(id, "稀土硫化物着色剂", "cas-baotou", "RARE_EARTHS",
                        "PILOT", Instant.parse("2026-11-20T02:30:00Z")));
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "ach-bad", UUID.randomUUID().toString(),
                AchievementChanged.CONTRACT.type(), "/mengkeju/catalog-service",
                "{\"achievementId\":\"ach-bad\",\"version\":\"three\"}", null);
        String after = achievementId();
        CatalogEvents.publish(kafka, CatalogEvents.wetCeriumRecovery(after, "PUBLISHED", 1));

        awaitIndexed(after);
        assertThat(index.offered(id)).isEmpty();
        var dead = TopicReader.await(kafka, Topics.deadLetterOf(Topics.CATALOG_ACHIEVEMENTS, GROUP),
                r -> "ach-bad".equals(r.key()), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
    }

    private double duplicates() {
        return meters.counter(MetricNames.EVENTS_CONSUMED, "group", GROUP, "type",
                AchievementChanged.CONTRACT.type(), "outcome", "duplicate").count();
    }

    private tools.jackson.databind.JsonNode awaitIndexed(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> http.get(
                "/api/v1/matching/achievements/" + id, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode() == 200);
        return json(http.get("/api/v1/matching/achievements/" + id, IdentityToken.HEADER,
                TestIdentities.partner("btrp")));
    }

    private void awaitGone(String id) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> http.get(
                "/api/v1/matching/achievements/" + id, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode() == 404);
    }

    static String achievementId() {
        return "ach-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
