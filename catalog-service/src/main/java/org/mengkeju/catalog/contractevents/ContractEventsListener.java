package org.mengkeju.catalog.contractevents;

import org.mengkeju.catalog.achievement.AchievementCatalog;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A registered technology contract makes the achievements it concerns transacted (已成交). The topic also carries
 * the contract's other steps and amendments; the platform counts those as ignored.
 */
@Configuration(proxyBeanMethods = false)
class ContractEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "catalog-contract-registrations";

    @Bean
    EventSubscription contractRegistrations(AchievementCatalog catalog) {
        // Idempotent by itself: TRANSACT on a transacted listing changes nothing.
        return EventSubscription.group(GROUP)
                .on(ContractRegistered.CONTRACT, (event, registered) -> {
                    boolean changed = false;
                    for (String achievementId : registered.achievementIds()) {
                        changed |= catalog.transactedByContract(achievementId, registered.registrationNumber());
                    }
                    return changed ? Outcome.APPLIED : Outcome.SKIPPED;
                })
                .build();
    }
}
