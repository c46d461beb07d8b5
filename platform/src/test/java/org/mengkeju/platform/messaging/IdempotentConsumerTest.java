package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;

class IdempotentConsumerTest {

    MongoTemplate mongo = RealInfrastructure.freshMongo();
    IdempotentConsumer consumer = new IdempotentConsumer(mongo, Duration.ofDays(30));

    record Credit(@Id String id, String accountId, long points) {
    }

    static ReceivedEvent delivery(String eventId) {
        return new ReceivedEvent(eventId, "org.mengkeju.catalog.achievement.published.v1", "/mengkeju/catalog-service",
                "ach-1", Instant.parse("2026-05-18T02:30:00Z"), null, "mengkeju.catalog.achievements", "ach-1", "{}",
                null);
    }

    @Test
    void aRedeliveredEventInsertsItsDerivedDocumentOnce() {
        ReceivedEvent event = delivery("5c1e0f2a-0001");
        String id = IdempotentConsumer.derivedId("achievement-published", event);

        Outcome first = consumer.insertOnce(new Credit(id, "imut", 50));
        Outcome again = consumer.insertOnce(new Credit(id, "imut", 50));

        assertThat(first).isEqualTo(Outcome.APPLIED);
        assertThat(again).isEqualTo(Outcome.DUPLICATE);
        assertThat(mongo.findAll(Credit.class)).containsExactly(new Credit(id, "imut", 50));
    }

    @Test
    void differentEventsDeriveDifferentIds() {
        assertThat(IdempotentConsumer.derivedId("p", delivery("a"))).isNotEqualTo(
                IdempotentConsumer.derivedId("p", delivery("b")));
    }

    @Test
    void runOnceSkipsTheEffectOfAnEventAlreadyProcessedByThatConsumer() {
        AtomicInteger effects = new AtomicInteger();
        ReceivedEvent event = delivery("5c1e0f2a-0002");

        assertThat(consumer.runOnce("catalog-contracts", event, effects::incrementAndGet)).isEqualTo(Outcome.APPLIED);
        assertThat(consumer.runOnce("catalog-contracts", event, effects::incrementAndGet))
                .isEqualTo(Outcome.DUPLICATE);
        // Another consumer of the same event is independent.
        assertThat(consumer.runOnce("finance-leads", event, effects::incrementAndGet)).isEqualTo(Outcome.APPLIED);

        assertThat(effects).hasValue(2);
    }

    @Test
    void processedEventRecordsExpireThroughATtlIndexWithTheConfiguredRetention() {
        new IdempotentConsumer(mongo, Duration.ofDays(45)); // a changed retention replaces the index

        // The embedded store keeps the index but expires nothing; production MongoDB's TTL monitor does.
        var index = mongo.getCollection(IdempotentConsumer.PROCESSED_EVENTS).listIndexes().into(new ArrayList<>())
                .stream().filter(i -> IdempotentConsumer.EXPIRY_INDEX.equals(i.getString("name"))).findFirst();
        assertThat(index).isPresent();
        assertThat(index.get().get("key", org.bson.Document.class)).containsEntry("processedAt", 1);
        assertThat(((Number) index.get().get("expireAfterSeconds")).longValue())
                .isEqualTo(Duration.ofDays(45).toSeconds());
    }

    @Test
    void theRetentionOfProcessedEventsMustOutliveTheTopics() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MessagingProperties(java.util.List.of(), 1,
                (short) 1, 3, Duration.ofMillis(50), Duration.ofDays(7), Duration.ofDays(7), null,
                Duration.ofSeconds(10))).hasMessageContaining("processed-events-retention");
    }
}
