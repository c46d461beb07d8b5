package org.mengkeju.contract.deal;

import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.platform.messaging.EventSubscription;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A deal the catalog's market made final becomes a deal its parties can draw up a contract from. The trading topic
 * also carries bids' outcomes, deposits and annulments; the platform counts those as ignored.
 */
@Configuration(proxyBeanMethods = false)
class FinalisedDealsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "contract-finalised-deals";

    @Bean
    EventSubscription finalisedDeals(DealDesk desk) {
        // Idempotent by itself: the deal's id is the lot's, recorded once.
        return EventSubscription.group(GROUP).on(DealFinalised.CONTRACT, (event, deal) -> desk.record(deal)).build();
    }
}
