package org.mengkeju.matching.match;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.mengkeju.matching.demand.Demand;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.matching.supply.OfferedAchievement;

/** The HTTP shapes of matching. */
final class MatchViews {

    private MatchViews() {
    }

    /** One reason as the API shows it. */
    record ReasonView(MatchReason.Kind kind, String text, int points) {

        static List<ReasonView> of(Match match) {
            return match.reasons().stream().map(r -> new ReasonView(r.kind(), r.text(), r.points())).toList();
        }
    }

    /**
     * A public achievement as this service's index holds it; chain, maturity and modes as the catalog names them.
     */
    record AchievementView(
            String id,
            String title,
            String summary,
            String ownerInstitutionId,
            String industryChain,
            String maturity,
            List<String> transferModes,
            BigDecimal askingPriceYuan,
            String regionCode,
            String status,
            long catalogVersion,
            Instant changedAt) {

        static AchievementView of(OfferedAchievement a) {
            return new AchievementView(a.id(), a.title(), a.summary(), a.ownerInstitutionId(), a.industryChain(),
                    a.maturity(), a.transferModes(), a.askingPriceYuan(), a.regionCode(), a.status(),
                    a.catalogVersion(), a.changedAt());
        }
    }

    /** An open demand as matching shows it: what it asks, not whom to call. */
    record DemandSummary(
            String id,
            String title,
            String problem,
            String ownerInstitutionId,
            IndustryChain industryChain,
            String field,
            String regionCode,
            BigDecimal budgetMinYuan,
            BigDecimal budgetMaxYuan,
            Set<TransferMode> transferModes,
            Maturity wantedMaturity,
            LocalDate deadline) {

        static DemandSummary of(Demand d) {
            return new DemandSummary(d.id(), d.title(), d.problem(), d.ownerInstitutionId(), d.industryChain(),
                    d.field(), d.region().value(), d.budget().minYuan(), d.budget().maxYuan(), d.transferModes(),
                    d.wantedMaturity(), d.deadline());
        }
    }

    record MatchedAchievement(AchievementView achievement, int score, List<ReasonView> reasons) {
    }

    record MatchedDemand(DemandSummary demand, int score, List<ReasonView> reasons) {
    }

    /** A demand's ranking: the achievements that fit it, best first. */
    record AchievementsForDemand(String demandId, List<MatchedAchievement> items) {
    }

    /** An achievement's ranking: the open demands it could solve, best first. */
    record DemandsForAchievement(String achievementId, List<MatchedDemand> items) {
    }
}
