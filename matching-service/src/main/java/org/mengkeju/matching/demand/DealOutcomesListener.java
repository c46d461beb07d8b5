package org.mengkeju.matching.demand;

import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A proposal closed won makes its demand matched. Read from this service's own proposal events rather than done in the
 * request that closed the proposal: the proposal and the demand are two documents, and the event is what survives a
 * crash between the two writes (at-least-once; matching a matched demand again changes nothing).
 */
@Configuration(proxyBeanMethods = false)
class DealOutcomesListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "matching-demand-deals";

    @Bean
    EventSubscription demandDeals(DemandBoard board) {
        return EventSubscription.group(GROUP)
                .on(ProposalStatusChanged.CONTRACT, (event, changed) ->
                        "CLOSED_WON".equals(changed.toStatus())
                                && board.matchedByDeal(changed.demandId(), changed.proposalId())
                                ? Outcome.APPLIED : Outcome.SKIPPED)
                .build();
    }
}
