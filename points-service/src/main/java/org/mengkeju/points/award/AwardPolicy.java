package org.mengkeju.points.award;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The award rules of the innovation-point scheme (创新积分制) as policy sets them: each schedule says, from a local
 * date in Inner Mongolia, how many points an act earns. Points are whole units, exchanged 1:1 for yuan.
 *
 * @param awards the schedules; the latest one in force on the day of the act applies
 */
@ConfigurationProperties("mengkeju.points")
public record AwardPolicy(List<AwardSchedule> awards) {

    /** Dates of the scheme are local days of the region. */
    public static final ZoneId REGION = ZoneId.of("Asia/Shanghai");

    public AwardPolicy {
        awards = awards == null ? List.of() : List.copyOf(awards);
        for (AwardSchedule schedule : awards) {
            if (schedule.effectiveFrom() == null || schedule.achievementPublished() < 0) {
                throw new IllegalArgumentException("an award schedule needs an effective-from date and non-negative "
                        + "points: " + schedule);
            }
        }
    }

    /**
     * @param effectiveFrom        first local day the schedule applies
     * @param achievementPublished points for an institution whose achievement is publicly listed
     */
    public record AwardSchedule(LocalDate effectiveFrom, long achievementPublished) {
    }

    /** Points earned by listing an achievement at {@code publishedAt}; empty before the scheme began. */
    public Optional<Long> forPublishedAchievement(Instant publishedAt) {
        LocalDate day = publishedAt.atZone(REGION).toLocalDate();
        return awards.stream()
                .filter(s -> !s.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(AwardSchedule::effectiveFrom))
                .map(AwardSchedule::achievementPublished)
                .filter(points -> points > 0);
    }
}
