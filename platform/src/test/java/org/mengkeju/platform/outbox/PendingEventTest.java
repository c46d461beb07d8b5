package org.mengkeju.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.catalog.AchievementPublished;
import org.slf4j.MDC;

class PendingEventTest {

    static final Instant MAY_18 = Instant.parse("2026-05-18T02:30:00Z");

    @Test
    void anEventCarriesItsContractAndKeyAndLearnsItsRequestOnlyWhenStamped() {
        MDC.put(PendingEvent.REQUEST_ID_MDC, "req-imut-0042");
        try {
            PendingEvent event = PendingEvent.of(AchievementPublished.CONTRACT, "ach-1", new AchievementPublished(
                    "ach-1", "杜蒙羊", "imau", "SEEDS", "INDUSTRIALISED", MAY_18), MAY_18);

            assertThat(event.type()).isEqualTo("org.mengkeju.catalog.achievement.published.v1");
            assertThat(event.topic()).isEqualTo("mengkeju.catalog.achievements");
            assertThat(event.key()).isEqualTo("ach-1");
            // No hidden read of the logging context: the save path stamps the request in one place.
            assertThat(event.requestId()).isNull();
            assertThat(event.causedBy("req-imut-0042").requestId()).isEqualTo("req-imut-0042");
            assertThat(event.causedBy("req-imut-0042").eventId()).isEqualTo(event.eventId());
            assertThat(event.payload()).contains("\"title\":\"杜蒙羊\"").contains("\"publishedAt\":\"2026-05-18T02:30:00Z\"");
        } finally {
            MDC.remove(PendingEvent.REQUEST_ID_MDC);
        }
    }

    @Test
    void aPayloadThatBreaksItsSchemaIsRefusedBeforeAnythingIsWritten() {
        var outsideTheContract = new AchievementPublished("ach-2", "稀土硫化物着色剂", "cas-baotou", "GOLD_MINING",
                "PILOT", MAY_18);

        assertThatThrownBy(() -> PendingEvent.of(AchievementPublished.CONTRACT, "ach-2", outsideTheContract, MAY_18))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("violates its schema")
                .hasMessageContaining("industryChain");
    }
}
