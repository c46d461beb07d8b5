package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.catalog.AchievementPublished;

class ReceivedEventTest {

    /** Only the id: the schema requires the title, the owner, the chain, the maturity and the time as well. */
    static final String INCOMPLETE = "{\"achievementId\":\"ach-1\"}";

    @Test
    void aPayloadPublishedAsCheckedAgainstTheConsumersOwnSchemaIsNotCheckedAgainAnyOtherIs() {
        String sameSchema = EventSchemas.dataSchema(AchievementPublished.CONTRACT);

        // The producer's check stands: the consumer holds the very schema it was made against.
        AchievementPublished read = received(INCOMPLETE, sameSchema).payloadAs(AchievementPublished.CONTRACT);
        assertThat(read.achievementId()).isEqualTo("ach-1");

        // Unmarked, or checked against another version of the schema: the consumer checks it itself.
        assertThatThrownBy(() -> received(INCOMPLETE, null).payloadAs(AchievementPublished.CONTRACT))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("title");
        String olderSchema = "urn:mengkeju:event-schema:" + AchievementPublished.CONTRACT.type() + ":0123456789abcdef";
        assertThatThrownBy(() -> received(INCOMPLETE, olderSchema).payloadAs(AchievementPublished.CONTRACT))
                .isInstanceOf(PoisonEventException.class).hasMessageContaining("title");
    }

    private static ReceivedEvent received(String payload, String dataSchema) {
        var record = new ConsumerRecord<String, String>(AchievementPublished.CONTRACT.topic(), 0, 7L, "ach-1", payload);
        CloudEventHeaders.write(record.headers(), "5c1e0f2a-0007", AchievementPublished.CONTRACT.type(),
                "/mengkeju/catalog-service", java.time.Instant.parse("2026-05-18T02:30:00Z"), "ach-1", null);
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.DATA_SCHEMA, dataSchema);
        return ReceivedEvent.from(record);
    }
}
