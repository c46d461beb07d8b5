package org.mengkeju.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Which aggregates a pass may send while earlier passes still hold some Kafka keys. */
class KeyOrderTest {

    private static final String POINTS = "mengkeju.points.transfers";

    @Test
    void anAggregateWithAKeyAnUnsettledPassHoldsWaitsAndSoDoesEveryLaterOneSharingAKeyWithIt() {
        var first = aggregate("award-1", "acct-imut");
        var second = aggregate("award-2", "acct-baotou", "acct-ordos");
        var third = aggregate("award-3", "acct-ordos");
        var fourth = aggregate("award-4", "acct-chifeng");
        String held = POINTS + '\u0000' + "acct-baotou";

        var sending = OutboxRelay.withoutKeysHeld(List.of(first, second, third, fourth), Set.of(held));

        // award-3 holds no key in flight itself, but its account's previous event (in award-2) has not gone out yet.
        assertThat(sending).extracting(a -> a.id).containsExactly("award-1", "award-4");
    }

    @Test
    void withNoKeyHeldEveryAggregateGoesInItsOrder() {
        var first = aggregate("award-1", "acct-imut");
        var second = aggregate("award-2", "acct-imut");

        assertThat(OutboxRelay.withoutKeysHeld(List.of(first, second), Set.of())).extracting(a -> a.id)
                .containsExactly("award-1", "award-2");
    }

    private static OutboxRelay.Aggregate aggregate(String id, String... keys) {
        List<Document> events = Arrays.stream(keys)
                .map(key -> new Document("eventId", id + "/" + key).append("topic", POINTS).append("key", key))
                .toList();
        return new OutboxRelay.Aggregate(new Document("_id", id).append(OutboxRelay.PENDING_EVENTS, events));
    }
}
