package org.mengkeju.points.catalogevents;

import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.points.award.PointsAwards;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Turns achievement lifecycle events from the catalog into point awards. A thin adapter: rules are elsewhere. The
 * topic also carries other catalog events (status changes); the platform counts those as ignored, unrouted.
 */
@Configuration(proxyBeanMethods = false)
class AchievementEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "points-achievement-awards";

    @Bean
    EventSubscription achievementAwards(PointsAwards awards) {
        return EventSubscription.group(GROUP)
                .on(AchievementPublished.CONTRACT, (event, published) ->
                        awards.achievementPublished(event, published.ownerInstitutionId(), published.publishedAt()))
                .build();
    }
}
