package org.mengkeju.platform.outbox;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param collections  the aggregate collections whose documents carry a {@code pendingEvents} array
 * @param pollInterval how often the relay looks for pending events
 * @param batchSize    aggregates taken per look
 * @param ackTimeout   how long to wait for Kafka's acknowledgement before trying again later
 */
@ConfigurationProperties("mengkeju.outbox")
public record OutboxProperties(
        @DefaultValue List<String> collections,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("100") int batchSize,
        @DefaultValue("10s") Duration ackTimeout) {
}
