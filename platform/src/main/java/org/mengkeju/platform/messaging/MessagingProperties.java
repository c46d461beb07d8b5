package org.mengkeju.platform.messaging;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param topics                    the event streams this service produces or consumes; each is declared (the
 *                                  dead-letter topics are declared per consumer group by the subscriptions)
 * @param partitions                partitions of a declared topic
 * @param replicationFactor         replicas of a declared topic (1 on a single local broker)
 * @param retryAttempts             deliveries of a failing record before it is dead-lettered
 * @param retryBackoff              wait before the first retry; doubles per retry
 * @param topicRetention            how long a declared topic keeps records
 * @param processedEventsRetention  how long a processed-event record is kept; must outlive {@code topicRetention},
 *                                  or an event the broker still holds could be applied twice
 * @param instanceId                static group membership: this process's stable name within its consumer groups,
 *                                  so a restarted process takes its partitions back at once; unset, it is the
 *                                  application name and host name; empty turns static membership off
 * @param sessionTimeout            how long the group waits for a member that stopped heartbeating
 */
@ConfigurationProperties("mengkeju.messaging")
public record MessagingProperties(
        @DefaultValue List<String> topics,
        @DefaultValue("3") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int retryAttempts,
        @DefaultValue("200ms") Duration retryBackoff,
        @DefaultValue("30d") Duration topicRetention,
        @DefaultValue("45d") Duration processedEventsRetention,
        String instanceId,
        @DefaultValue("10s") Duration sessionTimeout) {

    public MessagingProperties {
        if (processedEventsRetention.compareTo(topicRetention) <= 0) {
            throw new IllegalArgumentException("mengkeju.messaging.processed-events-retention (" + processedEventsRetention
                    + ") must be longer than mengkeju.messaging.topic-retention (" + topicRetention + ")");
        }
    }

    /** Defaults for everything but the topics and retry settings; for plumbing built by hand (tests, tools). */
    public static MessagingProperties of(List<String> topics, int partitions, int retryAttempts, Duration retryBackoff) {
        // Without static membership: plumbing built by hand is short-lived, and its consumers then leave their groups
        // when closed. A static member stays in its group until its session times out, so the next consumer of the
        // same group (the next test) would wait for it before it is assigned anything.
        return new MessagingProperties(topics, partitions, (short) 1, retryAttempts, retryBackoff, Duration.ofDays(30),
                Duration.ofDays(45), "", Duration.ofSeconds(10));
    }
}
