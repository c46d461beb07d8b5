package org.mengkeju.points.catalogevents;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.platform.metrics.MetricNames;
import org.mengkeju.points.award.AwardPolicy;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.TransferReason;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Turns achievement lifecycle events from the catalog into point awards. A thin adapter: rules are elsewhere. */
@Component
class AchievementEventsListener {

    private final PointsLedger ledger;
    private final AwardPolicy policy;
    private final MeterRegistry meters;

    AchievementEventsListener(PointsLedger ledger, AwardPolicy policy, MeterRegistry meters) {
        this.ledger = ledger;
        this.policy = policy;
        this.meters = meters;
    }

    @KafkaListener(id = "points-achievement-awards", topics = Topics.CATALOG_ACHIEVEMENTS)
    void on(ConsumerRecord<String, String> record) {
        ReceivedEvent event = ReceivedEvent.from(record);
        String outcome = "ignored";
        if (event.is(AchievementPublished.CONTRACT)) {
            AchievementPublished published = event.payloadAs(AchievementPublished.CONTRACT);
            outcome = policy.forPublishedAchievement(published.publishedAt())
                    .map(points -> ledger.credit(event, published.ownerInstitutionId(), points,
                            TransferReason.ACHIEVEMENT_PUBLISHED))
                    .map(o -> o == Outcome.APPLIED ? "applied" : "duplicate")
                    .orElse("no-award");
        }
        meters.counter(MetricNames.EVENTS_CONSUMED, "type", event.type(), "outcome", outcome).increment();
    }
}
