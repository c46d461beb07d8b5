package org.mengkeju.matching.figures;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.matching.demand.DemandStatus;
import org.mengkeju.matching.proposal.ProposalStatus;
import org.mengkeju.platform.metrics.BusinessFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Matching's business figures for the transaction-funnel dashboard: {@code mengkeju_matching_demands{status}} and
 * {@code mengkeju_matching_proposals{status}}, counted at most once per {@code mengkeju.matching.figures-refresh}.
 */
@Component
class MatchingGauges {

    static final String DEMANDS = "mengkeju.matching.demands";
    static final String PROPOSALS = "mengkeju.matching.proposals";

    MatchingGauges(MongoTemplate mongo, Clock clock, MeterRegistry meters,
            @Value("${mengkeju.matching.figures-refresh:60s}") Duration refresh) {
        new BusinessFigures(mongo, clock, refresh, "demands", "status").countEach(meters, DEMANDS, "status",
                Arrays.stream(DemandStatus.values()).map(Enum::name).toList(), "enterprise demands in each status");
        new BusinessFigures(mongo, clock, refresh, "proposals", "status").countEach(meters, PROPOSALS, "status",
                Arrays.stream(ProposalStatus.values()).map(Enum::name).toList(), "proposals in each status");
    }
}
