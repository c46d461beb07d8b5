package org.mengkeju.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections  the aggregate collections whose documents carry a {@code pendingEvents} array
 * @param pollInterval how often the relay looks for pending events when nothing woke it: a safety net for writes by
 *                     other replicas, retries and expired leases; a local write wakes it at once
 * @param batchSize    aggregates taken per pass
 * @param ackTimeout   how long one event may take to be acknowledged by Kafka; the producer's blocking and delivery
 *                     timeouts are derived from it, so a broker outage costs a pass at most about this long
 * @param lease        how long a relay owns the aggregates it took, so other replicas leave them alone; longer than a
 *                     pass can take
 * @param maxAttempts  attempts of an event that fails permanently (too large, invalid) before it is parked
 */
@ConfigurationProperties("mengkeju.outbox")
public record OutboxProperties(
        @DefaultValue List<String> collections,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10s") Duration ackTimeout,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("3") int maxAttempts) {
}
