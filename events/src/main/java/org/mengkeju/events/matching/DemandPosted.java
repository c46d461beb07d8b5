package org.mengkeju.events.matching;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * An enterprise posted a technology demand (技术需求): the problem it wants solved and what it would pay for a
 * solution. The contact person stays in matching-service; the event carries what matching and dashboards need.
 *
 * @param demandId           matching-service's id of the demand, e.g. {@code dem-4b1e0c9a7d2f4e81}
 * @param title              the problem in one line
 * @param problem            the problem statement; absent when none was given
 * @param ownerInstitutionId the enterprise (or institution) that posted it
 * @param industryChain      one of the region's key industry chains, named as in the catalog
 * @param field              the technical field (技术领域) in the poster's words; absent when none was given
 * @param regionCode         the league-city (盟市) of the enterprise, six digits
 * @param budgetMinYuan      the lower end of the budget in yuan, exact to the fen; absent when open
 * @param budgetMaxYuan      the upper end of the budget in yuan, exact to the fen; absent when open
 * @param transferModes      the ways the enterprise would take the technology (ASSIGNMENT, LICENCE, EQUITY,
 *                           DEVELOPMENT, SERVICE)
 * @param wantedMaturity     the least maturity a solution must have; absent when any will do
 * @param deadline           the last local day (Asia/Shanghai) the demand is open; it expires after that day
 * @param postedBy           the API client that posted it
 * @param version            the demand's version after posting (0)
 * @param postedAt           when it was posted (UTC)
 */
public record DemandPosted(
        String demandId,
        String title,
        String problem,
        String ownerInstitutionId,
        String industryChain,
        String field,
        String regionCode,
        BigDecimal budgetMinYuan,
        BigDecimal budgetMaxYuan,
        List<String> transferModes,
        String wantedMaturity,
        LocalDate deadline,
        String postedBy,
        long version,
        Instant postedAt) {

    public static final EventContract<DemandPosted> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.demand.posted.v1", Topics.MATCHING_DEMANDS, DemandPosted.class);
}
