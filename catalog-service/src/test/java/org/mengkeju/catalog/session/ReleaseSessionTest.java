package org.mengkeju.catalog.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.catalog.AchievementListedInSession;
import org.mengkeju.events.catalog.ReleaseSessionScheduled;

class ReleaseSessionTest {

    static final Instant SCHEDULED = Instant.parse("2026-11-20T01:30:00Z");
    static final SessionDetails RARE_EARTHS_DAY = new SessionDetails("稀土新材料专场成果发布会", IndustryChain.RARE_EARTHS,
            LocalDate.of(2026, 12, 8), "包头稀土高新区科技大厦");

    static ReleaseSession scheduled(String region) {
        return ReleaseSession.schedule(new SessionId("ses-0193a7b0c2d4-1f2e3d4c"), RARE_EARTHS_DAY, region,
                "baotou-sub-center", "baotou-2026-01", "fingerprint", SCHEDULED);
    }

    @Test
    void schedulingRecordsTheSessionWithItsLocalDay() {
        ReleaseSession session = scheduled("150200");

        assertThat(session.date()).isEqualTo(LocalDate.of(2026, 12, 8));
        assertThat(session.programme()).isEmpty();
        assertThat(session.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(ReleaseSessionScheduled.CONTRACT.type());
            assertThat(EventSchemas.violations(ReleaseSessionScheduled.CONTRACT, event.payload())).isEmpty();
            assertThat(event.payload()).contains("\"date\":\"2026-12-08\"");
            assertThat(EventJson.read(event.payload(), ReleaseSessionScheduled.class).regionCode()).isEqualTo("150200");
        });
    }

    @Test
    void anAchievementIsListedOnceAndEachListingIsAnEvent() {
        ReleaseSession session = scheduled("150200");

        assertThat(session.list("ach-7f3c2a9e41d84b0c", "cas-baotou", "baotou-sub-center", SCHEDULED)).isTrue();
        assertThat(session.list("ach-7f3c2a9e41d84b0c", "cas-baotou", "ops-console", SCHEDULED)).isFalse();
        assertThat(session.list("ach-2b9e0c4d71a35f86", "imut", "ops-console", SCHEDULED)).isTrue();

        assertThat(session.programme()).extracting(ListedAchievement::achievementId)
                .containsExactly("ach-7f3c2a9e41d84b0c", "ach-2b9e0c4d71a35f86");
        assertThat(session.programme().getFirst().listedBy()).isEqualTo("baotou-sub-center");
        var listed = session.pendingEvents().stream()
                .filter(e -> e.type().equals(AchievementListedInSession.CONTRACT.type()))
                .map(e -> EventJson.read(e.payload(), AchievementListedInSession.class)).toList();
        assertThat(listed).extracting(AchievementListedInSession::achievementId)
                .containsExactly("ach-7f3c2a9e41d84b0c", "ach-2b9e0c4d71a35f86");
        assertThat(session.lists("ach-2b9e0c4d71a35f86")).isTrue();
        assertThat(session.lists("ach-0000000000000000")).isFalse();
    }

    @Test
    void aProgrammeHoldsAtMostThreeHundredAchievements() {
        ReleaseSession session = scheduled(null);
        for (int i = 0; i < ReleaseSession.MAX_PROGRAMME; i++) {
            session.list("ach-%016x".formatted(i), "imut", "ops-console", SCHEDULED);
        }

        assertThatThrownBy(() -> session.list("ach-ffffffffffffffff", "imut", "ops-console", SCHEDULED))
                .isInstanceOf(ReleaseSession.ProgrammeFull.class).hasMessageContaining("300");
        assertThat(session.programme()).hasSize(300);
        // One already on it is still found, not refused.
        assertThat(session.list("ach-%016x".formatted(7), "imut", "ops-console", SCHEDULED)).isFalse();
    }
}
