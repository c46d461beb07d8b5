package org.mengkeju.finance.pointsevents;

import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.finance.lead.Qualification;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Innovation points posted to an enterprise's account count in its profile, points that left it (taken back, expired,
 * redeemed) count against it; the profile is then qualified.
 */
@Configuration(proxyBeanMethods = false)
class PointsEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "finance-points-profiles";

    @Bean
    EventSubscription pointsProfiles(ProfileBook book, Qualification qualification) {
        // Idempotent by itself: each posting is an entry of the profile under its ledger transfer's id.
        return EventSubscription.group(GROUP)
                .on(PointsPosted.CONTRACT, (event, posted) -> {
                    book.pointsPosted(posted).forEach(qualification::qualify);
                    return IdempotentConsumer.Outcome.APPLIED;
                })
                .on(PointsDebited.CONTRACT, (event, debited) -> {
                    book.pointsDebited(debited).forEach(qualification::qualify);
                    return IdempotentConsumer.Outcome.APPLIED;
                })
                .build();
    }
}
