package org.mengkeju.points.award;

import java.math.BigDecimal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

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
            if (schedule.effectiveFrom() == null || schedule.achievementPublished() < 0
                    || (schedule.annualCap() != null && schedule.annualCap() < 0)
                    || (schedule.contractRegistered() != null && !schedule.contractRegistered().isValid())
                    || schedule.matchClosedWon() < 0 || schedule.challengeWon() < 0) {
                throw new IllegalArgumentException("an award schedule needs an effective-from date, non-negative "
                        + "points and a non-negative annual cap: " + schedule);
            }
        }
    }

    /**
     * @param effectiveFrom        first local day the schedule applies
     * @param achievementPublished points for an institution whose achievement is publicly listed
     * @param annualCap            the most points one account is awarded in a local calendar year; none when absent
     * @param contractRegistered   points for a registered technology contract; none when absent
     * @param matchClosedWon       points to each side, buyer and seller, of a match that closed won
     * @param challengeWon         points to the institution of the team chosen on a challenge list
     */
    public record AwardSchedule(LocalDate effectiveFrom, long achievementPublished, Long annualCap,
            ContractAward contractRegistered, long matchClosedWon, long challengeWon) {

        @ConstructorBinding
        public AwardSchedule {
        }

        public AwardSchedule(LocalDate effectiveFrom, long achievementPublished, Long annualCap,
                ContractAward contractRegistered) {
            this(effectiveFrom, achievementPublished, annualCap, contractRegistered, 0, 0);
        }

        public AwardSchedule(LocalDate effectiveFrom, long achievementPublished, Long annualCap) {
            this(effectiveFrom, achievementPublished, annualCap, null);
        }

        public AwardSchedule(LocalDate effectiveFrom, long achievementPublished) {
            this(effectiveFrom, achievementPublished, null, null);
        }
    }

    /**
     * Points for a registered technology contract (技术合同登记): by its technology transaction amount (技术交易额),
     * split between the seller and the buyer.
     *
     * @param pointsPerTenThousandYuan points per whole 10,000 yuan of the technology transaction amount
     * @param sellerSharePercent       the seller's share of them, 0 to 100; the buyer gets the rest
     */
    public record ContractAward(long pointsPerTenThousandYuan, int sellerSharePercent) {

        boolean isValid() {
            return pointsPerTenThousandYuan >= 0 && sellerSharePercent >= 0 && sellerSharePercent <= 100;
        }
    }

    /** The points of a contract, whole points, the seller's share rounded down and the rest the buyer's. */
    public record ContractPoints(long seller, long buyer) {
    }

    /**
     * Points for a contract registered at {@code registeredAt} with {@code technologyTransactionAmountYuan}; empty
     * when no rule is in force or it earns nothing. Only whole 10,000 yuan count: 1,262,400.50 yuan is 126 units.
     */
    public Optional<ContractPoints> forRegisteredContract(Instant registeredAt,
            BigDecimal technologyTransactionAmountYuan) {
        return inForce(registeredAt).map(AwardSchedule::contractRegistered).flatMap(rule -> {
            long units = technologyTransactionAmountYuan.divideToIntegralValue(TEN_THOUSAND).longValueExact();
            long total = Math.multiplyExact(units, rule.pointsPerTenThousandYuan());
            if (total <= 0) {
                return Optional.empty();
            }
            long seller = total * rule.sellerSharePercent() / 100;
            return Optional.of(new ContractPoints(seller, total - seller));
        });
    }

    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    /** Points earned by listing an achievement at {@code publishedAt}; empty before the scheme began. */
    public Optional<Long> forPublishedAchievement(Instant publishedAt) {
        return inForce(publishedAt).map(AwardSchedule::achievementPublished).filter(points -> points > 0);
    }

    /** Points to each side of a match that closed won at {@code at}; empty when none. */
    public Optional<Long> forMatchClosedWon(Instant at) {
        return inForce(at).map(AwardSchedule::matchClosedWon).filter(points -> points > 0);
    }

    /** Points to the team chosen on a challenge list at {@code at}; empty when none. */
    public Optional<Long> forChallengeWon(Instant at) {
        return inForce(at).map(AwardSchedule::challengeWon).filter(points -> points > 0);
    }

    /** The annual cap in force at {@code at}, for the local year of {@code at}; empty when there is none. */
    public Optional<Long> annualCapAt(Instant at) {
        return inForce(at).map(AwardSchedule::annualCap);
    }

    /** The local calendar year of {@code at}, which an annual cap counts in. */
    public static int yearOf(Instant at) {
        return at.atZone(REGION).getYear();
    }

    private Optional<AwardSchedule> inForce(Instant at) {
        LocalDate day = at.atZone(REGION).toLocalDate();
        return awards.stream()
                .filter(s -> !s.effectiveFrom().isAfter(day))
                .max(Comparator.comparing(AwardSchedule::effectiveFrom));
    }
}
