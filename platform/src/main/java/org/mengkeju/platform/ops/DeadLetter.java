package org.mengkeju.platform.ops;

import java.time.Instant;

/**
 * One record a consumer group gave up on (死信), as an operator sees it: where it lies, where it came from, what it
 * carried and why it failed, and whether it has been replayed.
 *
 * @param id              {@link DeadLetterId} in its text form, for the replay
 * @param deadLetterTopic {@code <topic>.<group>.dlt}
 * @param topic           the topic it was read from, where a replay publishes it again
 * @param group           the consumer group that failed on it
 * @param key             the record's key (the aggregate id), or null
 * @param eventId         its CloudEvents id ({@code ce_id}), or null for a record that had none (poison)
 * @param eventType       its CloudEvents type ({@code ce_type}), or null
 * @param reason          the failure, as the consumer's exception said it
 * @param failure         the exception's class
 * @param deadLetteredAt  when it was written to the dead-letter topic
 * @param payload         the payload, cut to {@value DeadLetterDesk#PAYLOAD_PREVIEW} characters
 * @param replay          its replay, or null while it awaits one
 */
public record DeadLetter(String id, String deadLetterTopic, String topic, String group, String key, String eventId,
        String eventType, String reason, String failure, Instant deadLetteredAt, String payload, Replay replay) {

    /**
     * A replay of a dead letter (重放): who asked, and once done, when its record went back to its topic.
     *
     * @param state       {@code REPLAYING} while it is being published, {@code REPLAYED} once Kafka acknowledged it
     * @param requestedBy the operator's client id
     * @param requestedAt when the operator asked
     * @param replayedAt  when Kafka acknowledged the replayed record, or null
     * @param partition   where the replayed record went, or null
     * @param offset      its offset there, or null
     */
    public record Replay(String state, String requestedBy, Instant requestedAt, Instant replayedAt, Integer partition,
            Long offset) {
    }

    public boolean awaitingReplay() {
        return replay == null || !DeadLetterReplays.REPLAYED.equals(replay.state());
    }

    DeadLetter withReplay(Replay replay) {
        return new DeadLetter(id, deadLetterTopic, topic, group, key, eventId, eventType, reason, failure,
                deadLetteredAt, payload, replay);
    }
}
