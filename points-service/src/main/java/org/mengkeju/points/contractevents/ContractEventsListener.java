package org.mengkeju.points.contractevents;

import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.points.award.PointsAwards;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registered technology contracts earn their parties points; a changed registration adjusts them to the new technology
 * transaction amount, a cancelled or revoked one takes them back.
 * The topic also carries the contracts' workflow steps; the platform counts those as ignored.
 */
@Configuration(proxyBeanMethods = false)
class ContractEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "points-contract-awards";

    @Bean
    EventSubscription contractAwards(PointsAwards awards) {
        // Idempotent by themselves: the transfer ids follow from the contract (or the change event) and the party.
        return EventSubscription.group(GROUP)
                .on(ContractRegistered.CONTRACT, awards::contractRegistered)
                .on(ContractRegistrationChanged.CONTRACT, awards::contractRegistrationChanged)
                .build();
    }
}
