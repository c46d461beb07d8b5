package org.mengkeju.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topics            the event streams this service produces or consumes; each is declared with its
 *                          dead-letter topic beside it
 * @param partitions        partitions of a declared topic
 * @param replicationFactor replicas of a declared topic (1 on a single local broker)
 * @param retryAttempts     deliveries of a failing record before it is dead-lettered
 * @param retryBackoff      wait before the first retry; doubles per retry
 */
@ConfigurationProperties("mengkeju.messaging")
public record MessagingProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryBackoff) {
}
