package org.mengkeju.finance.catalogevents;

import java.util.List;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.finance.lead.Qualification;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The catalog's achievements go into their owner's profile (newest version wins), its institutions give a profile
 * its name, credit code, type and league-city. Each touched profile is then qualified. The other events on the
 * achievements topic ({@code AchievementPublished}) are counted as ignored: {@code AchievementChanged} carries the
 * same step.
 */
@Configuration(proxyBeanMethods = false)
class CatalogEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "finance-catalog-profiles";

    @Bean
    EventSubscription catalogProfiles(ProfileBook book, Qualification qualification) {
        // Idempotent by themselves: an achievement is kept at its newest version, an institution's facts are set.
        return EventSubscription.group(GROUP)
                .on(AchievementChanged.CONTRACT, (event, changed) ->
                        qualify(book.achievementChanged(changed), qualification))
                .on(InstitutionRegistered.CONTRACT, (event, registered) ->
                        qualify(book.institutionRegistered(registered), qualification))
                .build();
    }

    private static IdempotentConsumer.Outcome qualify(List<String> profiles, Qualification qualification) {
        profiles.forEach(qualification::qualify);
        return profiles.isEmpty() ? IdempotentConsumer.Outcome.SKIPPED : IdempotentConsumer.Outcome.APPLIED;
    }
}
