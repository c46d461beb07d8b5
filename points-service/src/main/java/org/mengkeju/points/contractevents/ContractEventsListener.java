package org.mengkeju.points.contractevents;

import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.points.award.PointsAwards;
import org.springframework.beans.factory.annotation.Value;
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

    /**
     * The topic's partitions are consumed at the same time, {@code consumers} of them in this process: awards wait on
     * store round trips, and one consumer handling every registration after the other fell behind a busy desk. A
     * contract's events keep their order (one key, one partition); awards of one party from two partitions at once
     * meet only in conditional writes (the transfer's id, the annual cap's grant, the account's booking).
     */
    @Bean
    EventSubscription contractAwards(PointsAwards awards,
            @Value("${mengkeju.points.contract-awards.consumers:3}") int consumers) {
        // Idempotent by themselves: the transfer ids follow from the contract (or the change event) and the party.
        return EventSubscription.group(GROUP)
                .on(ContractRegistered.CONTRACT, awards::contractRegistered)
                .on(ContractRegistrationChanged.CONTRACT, awards::contractRegistrationChanged)
                .consumers(consumers)
                .build();
    }
}
