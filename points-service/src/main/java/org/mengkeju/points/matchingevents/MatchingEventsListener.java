package org.mengkeju.points.matchingevents;

import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.points.award.PointsAwards;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Matches that closed won and challenges that chose a team earn points. The topics also carry the other steps of
 * proposals and challenges; the award rules let those pass.
 */
@Configuration(proxyBeanMethods = false)
class MatchingEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "points-matching-awards";

    @Bean
    EventSubscription matchingAwards(PointsAwards awards) {
        // Idempotent by themselves: the transfer ids follow from the proposal and side, or the challenge.
        return EventSubscription.group(GROUP)
                .on(ProposalStatusChanged.CONTRACT, awards::matchClosedWon)
                .on(ChallengeStepTaken.CONTRACT, awards::challengeWon)
                .build();
    }
}
