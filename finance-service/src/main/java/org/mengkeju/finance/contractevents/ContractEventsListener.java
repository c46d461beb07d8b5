package org.mengkeju.finance.contractevents;

import java.util.List;

import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.finance.lead.Qualification;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registered technology contracts go into both parties' profiles; a changed, cancelled or revoked registration
 * corrects them. Each touched profile is then qualified. The workflow steps on the same topic
 * ({@code ContractStatusChanged}) add nothing a registration does not carry, and are counted as ignored.
 */
@Configuration(proxyBeanMethods = false)
class ContractEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "finance-contract-profiles";

    @Bean
    EventSubscription contractProfiles(ProfileBook book, Qualification qualification) {
        // Idempotent by themselves: each contract is an entry of the profile under the contract's id.
        return EventSubscription.group(GROUP)
                .on(ContractRegistered.CONTRACT, (event, registered) ->
                        qualify(book.contractRegistered(registered), qualification))
                .on(ContractRegistrationChanged.CONTRACT, (event, changed) ->
                        qualify(book.contractRegistrationChanged(changed), qualification))
                .build();
    }

    private static IdempotentConsumer.Outcome qualify(List<String> profiles, Qualification qualification) {
        profiles.forEach(qualification::qualify);
        return profiles.isEmpty() ? IdempotentConsumer.Outcome.SKIPPED : IdempotentConsumer.Outcome.APPLIED;
    }
}
