package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.metrics.MetricNames;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class PointsAwardTest {

    /** The consumer group of the award listener: its offsets and dead-letter topic are named after it. */
    static final String GROUP = "points-achievement-awards";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MeterRegistry meters;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aPublishedAchievementCreditsItsOwnerAndAnnouncesThePosting() {
        String owner = institution();
        String eventId = publish(owner, "ach-feed-1");

        awaitBalance(owner, 50);
        var posted = TopicReader.await(kafka, Topics.POINTS_TRANSFERS,
                r -> r.value().contains(eventId), Duration.ofSeconds(30));
        assertThat(posted).hasSize(1);
        assertThat(posted.getFirst().key()).isEqualTo(owner);
        assertThat(EventSchemas.violations(PointsPosted.CONTRACT, posted.getFirst().value())).isEmpty();
        var transfers = json(http.get("/api/v1/points/accounts/" + owner + "/transfers",
                IdentityToken.HEADER, TestIdentities.partner(owner)));
        var entry = transfers.path("items").get(0);
        assertThat(entry.path("reason").asString()).isEqualTo("ACHIEVEMENT_PUBLISHED");
        assertThat(entry.path("sourceSubject").asString()).isEqualTo("ach-feed-1");
        assertThat(entry.path("points").asLong()).isEqualTo(50);
        assertThat(entry.path("counterpartyAccountId").asString()).isEqualTo("system:points-issued");
    }

    @Test
    void theSameEventDeliveredTenTimesPostsPointsOnce() {
        String owner = institution();
        String eventId = publish(owner, "ach-radar-1");
        awaitBalance(owner, 50);

        for (int i = 0; i < 9; i++) {
            republish(owner, "ach-radar-1", eventId);
        }
        String later = publish(owner, "ach-radar-2");
        // Events of one key arrive in order: once the later one is posted, the redelivery has been handled too.
        await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/api/v1/points/accounts/" + owner + "/transfers",
                IdentityToken.HEADER, TestIdentities.operator()).body().contains(later));

        var balance = json(http.get("/api/v1/points/accounts/" + owner, IdentityToken.HEADER,
                TestIdentities.partner(owner)));
        assertThat(balance.path("balance").asLong()).isEqualTo(100);
        assertThat(balance.path("transfers").asLong()).isEqualTo(2);
        assertThat(meters.counter(MetricNames.EVENTS_CONSUMED, "group", GROUP,
                "type", AchievementPublished.CONTRACT.type(), "outcome", "duplicate").count())
                .isGreaterThanOrEqualTo(9.0);
    }

    @Test
    void otherCatalogEventsOnTheTopicAreIgnoredWithoutErrorsOrDeadLetters() throws Exception {
        String owner = institution();
        double ignoredBefore = ignored();
        String statusChanged = EventSchemas.resource(AchievementChanged.CONTRACT.sampleResource())
                .replace("ach-7f3c2a9e41d84b0c", "ach-mixed-1");
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "ach-mixed-1", UUID.randomUUID().toString(),
                AchievementChanged.CONTRACT.type(), "/mengkeju/catalog-service", statusChanged, null);
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "inst-mixed-1", UUID.randomUUID().toString(),
                InstitutionRegistered.CONTRACT.type(), "/mengkeju/catalog-service",
                EventSchemas.resource(InstitutionRegistered.CONTRACT.sampleResource()), null);
        // A type this service does not read is never parsed, so even a payload it could not read is no poison here.
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "ach-mixed-2", UUID.randomUUID().toString(),
                AchievementChanged.CONTRACT.type(), "/mengkeju/catalog-service", "{\"version\":\"newer\"}",
                null);
        publish(owner, "ach-mixed-3");

        // One partition: once the award after them is posted, the three before it have been handled.
        awaitBalance(owner, 50);
        assertThat(ignored() - ignoredBefore).isGreaterThanOrEqualTo(3.0);
        var dead = TopicReader.await(kafka, Topics.deadLetterOf(Topics.CATALOG_ACHIEVEMENTS, GROUP),
                r -> r.key() != null && r.key().contains("mixed"), Duration.ofSeconds(3));
        assertThat(dead).isEmpty();
        assertThat(json(http.get("/api/v1/points/accounts/imut/transfers", IdentityToken.HEADER,
                TestIdentities.operator())).path("items").findValuesAsString("sourceSubject"))
                .doesNotContain("ach-mixed-1", "ach-mixed-2");
    }

    @Test
    void aPayloadThatDoesNotFitItsContractIsDeadLetteredAndTheNextEventStillCounts() {
        String owner = institution();
        String poisonId = UUID.randomUUID().toString();
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "ach-bad", poisonId, AchievementPublished.CONTRACT.type(),
                "/mengkeju/catalog-service", "{\"achievementId\":\"ach-bad\",\"points\":\"lots\"}", null);
        publish(owner, "ach-clay-robot");

        awaitBalance(owner, 50);
        var dead = TopicReader.await(kafka, Topics.deadLetterOf(Topics.CATALOG_ACHIEVEMENTS, GROUP),
                r -> "ach-bad".equals(r.key()), Duration.ofSeconds(30));
        assertThat(dead).hasSize(1);
        assertThat(meters.counter(MetricNames.EVENTS_DEAD_LETTERED, "topic", Topics.CATALOG_ACHIEVEMENTS,
                "group", GROUP, "reason", "poison").count()).isGreaterThanOrEqualTo(1.0);
    }

    @Test
    void anEventWithAFieldThisServiceDoesNotKnowStillEarnsItsPoints() {
        String owner = institution();
        String eventId = UUID.randomUUID().toString();
        TestEvents.send(kafka, Topics.CATALOG_ACHIEVEMENTS, "ach-newer", eventId, AchievementPublished.CONTRACT.type(),
                "/mengkeju/catalog-service", """
                {"achievementId":"ach-newer","title":"风光氢储一体化调度","ownerInstitutionId":"%s",
                 "industryChain":"HYDROGEN","maturity":"PILOT","publishedAt":"2026-06-18T02:00:00Z",
                 "patentNumbers":["ZL2025100000001"]}""".formatted(owner), null);

        awaitBalance(owner, 50);
        assertThat(http.get("/api/v1/points/accounts/" + owner + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()).body()).contains("achievement-published:" + eventId);
    }

    @Test
    void theCreditIsLoggedUnderTheRequestIdThatCausedThePublication() {
        var appender = new ListAppender<ILoggingEvent>();
        appender.start();
        var logger = (Logger) LoggerFactory.getLogger(PointsLedger.class);
        logger.addAppender(appender);
        try {
            String owner = institution();
            TestEvents.publish(kafka, AchievementPublished.CONTRACT, "ach-sheep-1", UUID.randomUUID().toString(),
                    "/mengkeju/catalog-service", new AchievementPublished("ach-sheep-1", "华蒙肉羊", owner, "SEEDS",
                            "INDUSTRIALISED", Instant.parse("2026-06-18T02:00:00Z")), "req-imau-7001");
            awaitBalance(owner, 50);

            assertThat(appender.list).filteredOn(e -> e.getFormattedMessage().contains(owner))
                    .extracting(e -> e.getMDCPropertyMap().get("requestId"))
                    .containsExactly("req-imau-7001");
        } finally {
            logger.detachAppender(appender);
        }
    }

    @Test
    void theServiceIsReadyOnlyOnceItsConsumerGroupHasItsPartitions() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var readiness = http.get("/actuator/health/readiness", IdentityToken.HEADER, TestIdentities.operator());
            assertThat(readiness.statusCode()).isEqualTo(200);
            var consumers = json(readiness).path("components").path("consumers");
            assertThat(consumers.path("status").asString()).isEqualTo("UP");
            assertThat(consumers.path("details").path(GROUP).get(0).asString())
                    .isEqualTo(Topics.CATALOG_ACHIEVEMENTS + "-0");
        });
    }

    @Test
    void anInstitutionReadsOnlyItsOwnAccount() {
        var response = http.get("/api/v1/points/accounts/imu", IdentityToken.HEADER, TestIdentities.partner("imut"));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/forbidden");
    }

    @Test
    void anAccountWithNoEntriesHasABalanceOfZero() {
        var response = json(http.get("/api/v1/points/accounts/new-enterprise", IdentityToken.HEADER,
                TestIdentities.operator()));

        assertThat(response.path("balance").asLong()).isZero();
        assertThat(response.path("transfers").asLong()).isZero();
    }

    private double ignored() {
        var counter = meters.find(MetricNames.EVENTS_CONSUMED).tags("group", GROUP, "type", "unrouted",
                "outcome", "ignored").counter();
        return counter == null ? 0 : counter.count();
    }

    private String publish(String owner, String achievementId) {
        String eventId = UUID.randomUUID().toString();
        republish(owner, achievementId, eventId);
        return eventId;
    }

    private void republish(String owner, String achievementId, String eventId) {
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, achievementId, eventId, "/mengkeju/catalog-service",
                new AchievementPublished(achievementId, "高炉泥炮自动装炮泥机器人", owner, "EQUIPMENT_MANUFACTURING",
                        "PILOT", Instant.parse("2026-06-18T02:00:00Z")));
    }

    private void awaitBalance(String owner, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/points/accounts/" + owner, IdentityToken.HEADER,
                        TestIdentities.operator())).path("balance").asLong()).isEqualTo(expected));
    }

    private static String institution() {
        return "inst-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
