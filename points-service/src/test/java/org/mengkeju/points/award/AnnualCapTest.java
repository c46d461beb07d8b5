package org.mengkeju.points.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The annual cap: never passed, not even by concurrent awards; each event keeps the grant it was given, and an event
 * awarded before takes nothing more from the cap, however long ago its grant left the year's latest.
 */
@ServiceIntegrationTest
class AnnualCapTest {

    @Autowired
    AnnualCaps caps;
    @Autowired
    MongoTemplate mongo;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;

    @Test
    void awardsAreGrantedUpToTheCapThenInPartThenNotAtAll() {
        String account = institution();

        assertThat(caps.grant(account, 2026, "e1", 50, 120)).isEqualTo(50);
        assertThat(caps.grant(account, 2026, "e2", 50, 120)).isEqualTo(50);
        assertThat(caps.grant(account, 2026, "e3", 50, 120)).isEqualTo(20);
        assertThat(caps.grant(account, 2026, "e4", 50, 120)).isZero();
        assertThat(caps.grant(account, 2027, "e5", 50, 120)).as("a new year").isEqualTo(50);
    }

    @Test
    void anEventAskingAgainGetsTheGrantItWasGivenAndTakesNothingMore() {
        String account = institution();
        caps.grant(account, 2026, "e1", 50, 100);

        assertThat(caps.grant(account, 2026, "e1", 50, 100)).isEqualTo(50);
        assertThat(caps.grant(account, 2026, "e2", 80, 100)).isEqualTo(50);
        assertThat(caps.grant(account, 2026, "e2", 80, 100)).isEqualTo(50);
    }

    @Test
    void concurrentAwardsNeverPassTheCapTogether() throws Exception {
        String account = institution();
        List<Long> granted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<Long>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                String event = "e" + i;
                all.add(pool.submit(() -> caps.grant(account, 2026, event, 50, 1000)));
            }
            for (Future<Long> f : all) {
                granted.add(f.get());
            }
        }

        assertThat(granted.stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
        assertThat(granted).filteredOn(g -> g == 50).hasSize(20);
    }

    @Test
    void aYearsDocumentKeepsTheLatestGrantsAndEveryRelease() {
        String account = institution();
        caps.grant(account, 2026, "e0", 10, 1_000_000);
        caps.release(account, 2026, "reduction-1", 4);
        for (int i = 1; i <= AnnualCaps.RECENT_GRANTS + 50; i++) {
            caps.grant(account, 2026, "e" + i, 10, 1_000_000);
        }
        caps.release(account, 2026, "reduction-1", 4);

        Document year = mongo.findById(account + ":2026", Document.class, "point_award_caps");
        assertThat(year.getList("grants", Document.class)).hasSize(AnnualCaps.RECENT_GRANTS)
                .last().satisfies(g -> assertThat(g.getString("event")).isEqualTo("e150"));
        assertThat(year.getList("releases", Document.class)).hasSize(1);
        assertThat(year.get("awarded", Number.class).longValue()).isEqualTo(151 * 10 - 4);
        assertThat(caps.grant(account, 2026, "e150", 10, 1_000_000)).as("a recent event asking again").isEqualTo(10);
        assertThat(mongo.findById(account + ":2026", Document.class, "point_award_caps").get("awarded", Number.class)
                .longValue()).isEqualTo(151 * 10 - 4);
    }

    @Test
    void anAchievementAwardedLongAgoAndDeliveredAgainTakesNothingFromTheCap() {
        String owner = institution();
        Instant publishedAt = Instant.parse("2026-06-18T02:00:00Z");
        String eventId = UUID.randomUUID().toString();
        AchievementPublished published = new AchievementPublished("ach-" + owner, "杜蒙羊", owner, "SEEDS",
                "INDUSTRIALISED", publishedAt);
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, published.achievementId(), eventId,
                "/mengkeju/catalog-service", published);
        TestHttp http = TestHttp.localPort(port);
        await().atMost(Duration.ofSeconds(30)).until(() -> balanceOf(http, owner) == 50);
        // The year's later awards push the achievement's grant out of the document.
        for (int i = 0; i < AnnualCaps.RECENT_GRANTS; i++) {
            caps.grant(owner, 2026, "later-" + i, 1, 5000);
        }
        long awarded = AnnualCaps.RECENT_GRANTS + 50;

        TestEvents.publish(kafka, AchievementPublished.CONTRACT, published.achievementId(), eventId,
                "/mengkeju/catalog-service", published);
        String marker = institution();
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, "ach-" + marker, UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", new AchievementPublished("ach-" + marker, "巴麦13号", marker, "SEEDS",
                        "INDUSTRIALISED", publishedAt));
        // One partition: once the award after it is posted, the redelivery has been handled.
        await().atMost(Duration.ofSeconds(30)).until(() -> balanceOf(http, marker) == 50);
        assertThat(balanceOf(http, owner)).isEqualTo(50);
        assertThat(mongo.findById(owner + ":2026", Document.class, "point_award_caps").get("awarded", Number.class)
                .longValue()).isEqualTo(awarded);
    }

    private static long balanceOf(TestHttp http, String account) {
        return json(http.get("/api/v1/points/accounts/" + account, IdentityToken.HEADER, TestIdentities.operator()))
                .path("balance").asLong();
    }

    @Test
    void aPublishedAchievementEarnsOnlyWhatIsLeftUnderTheConfiguredCap() {
        String owner = institution();
        Instant publishedAt = Instant.parse("2026-06-18T02:00:00Z");
        // Earlier awards of the year took 4,980 of the 5,000 points of the cap in application.yml.
        caps.grant(owner, 2026, "earlier-awards", 4980, 5000);

        TestEvents.publish(kafka, AchievementPublished.CONTRACT, "ach-capped", UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", new AchievementPublished("ach-capped", "杜蒙羊", owner, "SEEDS",
                        "INDUSTRIALISED", publishedAt));
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, "ach-over-cap", UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", new AchievementPublished("ach-over-cap", "华蒙肉羊", owner, "SEEDS",
                        "INDUSTRIALISED", publishedAt));
        String marker = institution();
        TestEvents.publish(kafka, AchievementPublished.CONTRACT, "ach-marker", UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", new AchievementPublished("ach-marker", "巴麦13号", marker, "SEEDS",
                        "INDUSTRIALISED", publishedAt));

        TestHttp http = TestHttp.localPort(port);
        // One partition: once the award after them is posted, the two before it have been handled.
        await().atMost(Duration.ofSeconds(30)).until(() -> json(http.get("/api/v1/points/accounts/" + marker,
                IdentityToken.HEADER, TestIdentities.operator())).path("balance").asLong() == 50);
        var balance = json(http.get("/api/v1/points/accounts/" + owner, IdentityToken.HEADER,
                TestIdentities.operator()));
        assertThat(balance.path("balance").asLong()).isEqualTo(20);
        assertThat(balance.path("transfers").asLong()).isEqualTo(1);
    }

    private static String institution() {
        return "inst-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
