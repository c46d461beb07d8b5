package org.mengkeju.finance.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An owner's achievements are recorded beside its profile, one document each, newest version kept; the profile and
 * its facts count them, together with any a profile stored before held itself.
 */
@ServiceIntegrationTest
class ProfileAchievementsTest {

    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Profiles profiles;

    @Test
    void achievementsAreKeptBesideTheProfileNewestVersionFirstAndCountedInItsFacts() {
        String owner = "imut-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(profiles.putAchievement(owner, fact("ach-1", "PUBLISHED", 2, "ZL201510000001.2"), "150100", NOW))
                .isTrue();
        assertThat(profiles.putAchievement(owner, fact("ach-2", "SUBMITTED", 1), "150100", NOW)).isTrue();
        assertThat(profiles.putAchievement(owner, fact("ach-3", "TRANSACTED", 5, "ZL201510000001.2"), "150100", NOW))
                .isTrue();
        // A repeated and an older version change nothing; a newer one replaces.
        assertThat(profiles.putAchievement(owner, fact("ach-1", "PUBLISHED", 2, "ZL201510000001.2"), "150100", NOW))
                .isFalse();
        assertThat(profiles.putAchievement(owner, fact("ach-3", "PUBLISHED", 4), "150100", NOW)).isFalse();
        assertThat(profiles.putAchievement(owner, fact("ach-2", "PUBLISHED", 2), "150100", NOW)).isTrue();

        Document stored = mongo.getCollection(Profiles.COLLECTION).find(new Document("_id", owner)).first();
        assertThat(stored).doesNotContainKey("achievements").containsEntry(Profiles.HAS_ACHIEVEMENTS, true)
                .containsEntry("regionCode", "150100");
        assertThat(mongo.getCollection(Profiles.ACHIEVEMENTS).countDocuments(new Document("enterpriseId", owner)))
                .isEqualTo(3);
        EnterpriseProfile profile = profiles.find(owner).orElseThrow();
        assertThat(profile.achievements()).containsOnlyKeys("ach-1", "ach-2", "ach-3");
        EnterpriseFacts facts = profile.facts(NOW);
        assertThat(facts.publishedAchievements()).isEqualTo(3);
        assertThat(facts.transactedAchievements()).isEqualTo(1);
        assertThat(facts.grantedPatents()).isEqualTo(1);
    }

    @Test
    void aProfileStoredWithItsAchievementsInsideCountsThemWithThoseBesideItTheNewerVersionOfEach() {
        String owner = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        mongo.getCollection(Profiles.COLLECTION).insertOne(new Document("_id", owner)
                .append("achievements", new Document("ach-old", new Document("achievementId", "ach-old")
                        .append("status", "PUBLISHED").append("version", 3L))
                        .append("ach-both", new Document("achievementId", "ach-both").append("status", "PUBLISHED")
                                .append("version", 1L))));
        profiles.putAchievement(owner, fact("ach-both", "WITHDRAWN", 2), "150200", NOW);
        profiles.putAchievement(owner, fact("ach-new", "TRANSACTED", 1), "150200", NOW);

        EnterpriseProfile profile = profiles.find(owner).orElseThrow();
        assertThat(profile.achievements()).containsOnlyKeys("ach-old", "ach-both", "ach-new");
        assertThat(profile.achievements().get("ach-both").status()).isEqualTo("WITHDRAWN");
        EnterpriseFacts facts = profile.facts(NOW);
        assertThat(facts.publishedAchievements()).isEqualTo(2);
        assertThat(facts.transactedAchievements()).isEqualTo(1);
    }

    private static AchievementFact fact(String id, String status, long version, String... grantedPatents) {
        return new AchievementFact(id, status, version, List.of(grantedPatents));
    }
}
