package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

class AchievementTest {

    static final Instant CREATED = Instant.parse("2026-05-18T01:00:00Z");
    static final Instant PUBLISHED = Instant.parse("2026-05-18T02:30:00Z");
    static final CallerIdentity IMUT_TTO = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");

    static Achievement draft(IndustryChain chain, Maturity maturity) {
        return Achievement.draft(new AchievementId("ach-7f3c2a9e41d84b0c"), new AchievementDetails(
                        "玉米皮菌体蛋白生物发酵饲料", "Profit of 1048 yuan per tonne of corn husk", chain, maturity,
                        Set.of(TransferMode.LICENCE), new BigDecimal("1500000.00")),
                "imut", IMUT_TTO, "imut-2026-0001", "fingerprint", CREATED);
    }

    @Test
    void publishingADraftListsItAndRecordsTheEventWithThePublicationTime() {
        Achievement achievement = draft(IndustryChain.MODERN_AGRICULTURE, Maturity.INDUSTRIALISED);

        assertThat(achievement.publish(PUBLISHED)).isTrue();

        assertThat(achievement.status()).isEqualTo(AchievementStatus.PUBLISHED);
        assertThat(achievement.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(achievement.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(AchievementPublished.CONTRACT.type());
            assertThat(event.key()).isEqualTo("ach-7f3c2a9e41d84b0c");
            assertThat(EventJson.read(event.payload(), AchievementPublished.class)).isEqualTo(new AchievementPublished(
                    "ach-7f3c2a9e41d84b0c", "玉米皮菌体蛋白生物发酵饲料", "imut", "MODERN_AGRICULTURE", "INDUSTRIALISED",
                    PUBLISHED));
        });
    }

    @Test
    void publishingAgainChangesNothingAndRecordsNoSecondEvent() {
        Achievement achievement = draft(IndustryChain.RARE_EARTHS, Maturity.PILOT);
        achievement.publish(PUBLISHED);

        assertThat(achievement.publish(PUBLISHED.plusSeconds(60))).isFalse();

        assertThat(achievement.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(achievement.pendingEvents()).hasSize(1);
    }

    /** Every chain and maturity the API accepts must fit the published event's schema, or publishing would fail. */
    @ParameterizedTest
    @EnumSource(IndustryChain.class)
    void everyIndustryChainFitsTheEventContract(IndustryChain chain) {
        assertThat(draft(chain, Maturity.LAB).publish(PUBLISHED)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(Maturity.class)
    void everyMaturityFitsTheEventContract(Maturity maturity) {
        assertThat(draft(IndustryChain.DAIRY, maturity).publish(PUBLISHED)).isTrue();
    }
}
