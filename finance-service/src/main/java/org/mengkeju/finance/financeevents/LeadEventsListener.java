package org.mengkeju.finance.financeevents;

import org.mengkeju.events.finance.LeadStatusChanged;
import org.mengkeju.finance.fund.FundDesk;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The service's own lead events, read back from Kafka: a disbursement is tracked by the risk-compensation funds that
 * cover it. Reading the published event (rather than writing the fund with the lead) keeps every write to one
 * document, and the outbox guarantees the event; the fund keeps each lead once, so redelivery changes nothing.
 */
@Configuration(proxyBeanMethods = false)
class LeadEventsListener {

    /** The consumer group: its offsets, dead-letter topic and processed events hang on this name. Never rename. */
    static final String GROUP = "finance-fund-tracking";

    @Bean
    EventSubscription fundTracking(FundDesk funds) {
        return EventSubscription.group(GROUP)
                .on(LeadStatusChanged.CONTRACT, (event, changed) -> {
                    if (!"DISBURSED".equals(changed.action())) {
                        return IdempotentConsumer.Outcome.SKIPPED;
                    }
                    int tracked = funds.disbursed(changed.leadId(), changed.institutionId(), changed.productType(),
                            changed.amountYuan(), changed.onDate());
                    return tracked > 0 ? IdempotentConsumer.Outcome.APPLIED : IdempotentConsumer.Outcome.SKIPPED;
                })
                .build();
    }
}
