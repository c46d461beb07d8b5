package org.mengkeju.matching.catalogevents;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.matching.proposal.ProposalDesk;
import org.mengkeju.matching.supply.OfferedAchievements;
import org.mengkeju.platform.messaging.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Keeps the local index of public achievements from the catalog's lifecycle events. A thin adapter: each step carries
 * the listing as it stands, and the index keeps the newest copy. Other event types on the topic are not this
 * consumer's and pass by.
 */
@Configuration(proxyBeanMethods = false)
class AchievementEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "matching-achievement-index";

    /** Proposes achievements that became public to the open demands they fit. Never rename. */
    static final String PROPOSALS_GROUP = "matching-achievement-proposals";

    @Bean
    EventSubscription achievementIndex(OfferedAchievements index) {
        return EventSubscription.group(GROUP)
                .on(AchievementChanged.CONTRACT, (event, changed) -> index.apply(changed))
                .build();
    }

    /**
     * Its own group, so that proposing (one write per fitting demand, each once by the pair's unique index) is
     * redelivered on its own when interrupted, without touching the index.
     */
    @Bean
    EventSubscription achievementProposals(ProposalDesk desk) {
        return EventSubscription.group(PROPOSALS_GROUP)
                .on(AchievementChanged.CONTRACT, (event, changed) -> desk.proposeToOpenDemands(changed))
                .build();
    }
}
