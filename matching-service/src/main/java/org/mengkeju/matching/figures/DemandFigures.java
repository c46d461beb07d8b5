package org.mengkeju.matching.figures;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mengkeju.matching.demand.Demand;
import org.mengkeju.matching.demand.DemandBoard;
import org.mengkeju.matching.demand.DemandStatus;
import org.mengkeju.matching.demand.Triage;
import org.mengkeju.matching.proposal.ProposalDesk;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * How well the market answers its demands, for the dashboards of operators, sub-centers and brokers: how many
 * demands are where, the share matched (Hubei's 科创"天网" aims at 80%), how brokers triaged them (Jiangsu: 60% refined
 * and matched, 25% sent back, 15% tracked long-term), and how long a demand waits for its first proposal.
 */
@Service
public class DemandFigures {

    private final DemandBoard demands;
    private final ProposalDesk proposals;

    DemandFigures(DemandBoard demands, ProposalDesk proposals) {
        this.demands = demands;
        this.proposals = proposals;
    }

    /**
     * The figures.
     *
     * @param posted             every demand posted
     * @param matchedShare       the share of demands ever matched, of those posted (0 to 1, four places)
     * @param medianHoursToFirstProposal the median wait for a first proposal, over demands that got one; null when none
     */
    public record Figures(String regionCode, long posted, long open, long matched, long closed, long expired,
            long everMatched, BigDecimal matchedShare, long refined, long sentBack, long longTermTracking,
            long withProposal, BigDecimal medianHoursToFirstProposal) {
    }

    /** Operators see any league-city or all; a sub-center or a broker of a league-city sees its own. */
    public Figures of(CallerIdentity caller, String regionCode) {
        String region = regionFor(caller, regionCode);
        List<Demand> posted = demands.postedIn(region);
        Map<String, Instant> firstProposal = proposals.firstProposalTimes();
        long everMatched = posted.stream().filter(d -> d.matchedAt() != null).count();
        List<Duration> waits = new ArrayList<>();
        for (Demand demand : posted) {
            Instant first = firstProposal.get(demand.id());
            if (first != null) {
                waits.add(Duration.between(demand.postedAt(), first));
            }
        }
        return new Figures(region, posted.size(), count(posted, DemandStatus.OPEN), count(posted, DemandStatus.MATCHED),
                count(posted, DemandStatus.CLOSED), count(posted, DemandStatus.EXPIRED), everMatched,
                share(everMatched, posted.size()), triaged(posted, Triage.REFINED), triaged(posted, Triage.SENT_BACK),
                triaged(posted, Triage.LONG_TERM_TRACKING), waits.size(), medianHours(waits));
    }

    static boolean mayRead(CallerIdentity caller) {
        return caller.is(Role.OPERATOR) || caller.is(Role.SUB_CENTER) || caller.is(Role.BROKER);
    }

    private static String regionFor(CallerIdentity caller, String requested) {
        if (!mayRead(caller)) {
            throw ApiProblem.forbidden("demand figures are for operators, sub-centers and brokers");
        }
        if (caller.is(Role.OPERATOR) || caller.regionCode() == null) {
            return requested;
        }
        if (requested != null && !requested.equals(caller.regionCode())) {
            throw ApiProblem.forbidden(caller.clientId() + " reads the figures of " + caller.regionCode()
                    + " only, not " + requested);
        }
        return caller.regionCode();
    }

    private static long count(List<Demand> demands, DemandStatus status) {
        return demands.stream().filter(d -> d.status() == status).count();
    }

    private static long triaged(List<Demand> demands, Triage triage) {
        return demands.stream().filter(d -> d.triage() == triage).count();
    }

    static BigDecimal share(long part, long whole) {
        return whole == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }

    /** The median of the waits in hours, to two places; the mean of the middle two for an even count. */
    static BigDecimal medianHours(List<Duration> waits) {
        if (waits.isEmpty()) {
            return null;
        }
        List<Long> millis = waits.stream().map(Duration::toMillis).sorted().toList();
        int middle = millis.size() / 2;
        BigDecimal median = millis.size() % 2 == 1 ? BigDecimal.valueOf(millis.get(middle))
                : BigDecimal.valueOf(millis.get(middle - 1) + millis.get(middle)).divide(BigDecimal.TWO);
        return median.divide(BigDecimal.valueOf(3_600_000), 2, RoundingMode.HALF_UP);
    }
}
