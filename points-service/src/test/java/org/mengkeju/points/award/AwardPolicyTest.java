package org.mengkeju.points.award;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.points.award.AwardPolicy.AwardSchedule;

class AwardPolicyTest {

    AwardPolicy policy = new AwardPolicy(List.of(
            new AwardSchedule(LocalDate.of(2026, 5, 1), 50),
            new AwardSchedule(LocalDate.of(2027, 1, 1), 80)));

    @Test
    void nothingIsAwardedBeforeTheSchemeBegan() {
        assertThat(policy.forPublishedAchievement(Instant.parse("2026-04-30T15:59:59Z"))).isEmpty();
    }

    @Test
    void theSchemeBeginsAtMidnightInInnerMongoliaNotInUtc() {
        // 2026-04-30T16:00Z is 2026-05-01 00:00 in Asia/Shanghai.
        assertThat(policy.forPublishedAchievement(Instant.parse("2026-04-30T16:00:00Z"))).hasValue(50L);
    }

    @Test
    void theLatestScheduleInForceApplies() {
        assertThat(policy.forPublishedAchievement(Instant.parse("2026-12-31T15:59:59Z"))).hasValue(50L);
        assertThat(policy.forPublishedAchievement(Instant.parse("2026-12-31T16:00:00Z"))).hasValue(80L);
    }

    @Test
    void aScheduleOfZeroPointsSuspendsTheAward() {
        var suspended = new AwardPolicy(List.of(new AwardSchedule(LocalDate.of(2026, 5, 1), 50),
                new AwardSchedule(LocalDate.of(2026, 9, 1), 0)));

        assertThat(suspended.forPublishedAchievement(Instant.parse("2026-10-01T00:00:00Z"))).isEmpty();
    }

    @Test
    void aNegativeAwardIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new AwardPolicy(List.of(new AwardSchedule(LocalDate.of(2026, 5, 1), -5))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theAnnualCapIsTheOneInForceOnTheDayOfTheAct() {
        var capped = new AwardPolicy(List.of(new AwardSchedule(LocalDate.of(2026, 5, 1), 50),
                new AwardSchedule(LocalDate.of(2027, 1, 1), 50, 5000L)));

        assertThat(capped.annualCapAt(Instant.parse("2026-12-31T15:59:59Z"))).isEmpty();
        assertThat(capped.annualCapAt(Instant.parse("2026-12-31T16:00:00Z"))).hasValue(5000L);
        assertThat(AwardPolicy.yearOf(Instant.parse("2026-12-31T16:00:00Z"))).isEqualTo(2027);
        assertThatThrownBy(() -> new AwardPolicy(List.of(new AwardSchedule(LocalDate.of(2026, 5, 1), 50, -1L))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
