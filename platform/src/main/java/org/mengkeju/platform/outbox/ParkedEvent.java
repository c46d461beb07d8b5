package org.mengkeju.platform.outbox;

import java.time.Instant;

/**
 * An event the relay stopped trying to publish because it failed permanently (too large for the broker, no longer
 * valid against its schema) on every one of its attempts. It stays in its aggregate for an operator.
 */
public record ParkedEvent(PendingEvent event, String reason, int attempts, Instant parkedAt) {
}
