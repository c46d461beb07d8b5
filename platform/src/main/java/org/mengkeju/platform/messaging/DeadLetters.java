package org.mengkeju.platform.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.TopicPartition;
import org.mengkeju.events.Topics;
import org.mengkeju.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Bounded retries, then the consumer group's own dead-letter topic ({@code <topic>.<group>.dlt}). A poison record
 * (bad headers, a payload that does not fit its contract) goes there at once. Either way it is counted and logged,
 * never dropped, and the partition moves on.
 */
public final class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, MessagingProperties properties,
            MeterRegistry meters, String group) {
        var publisher = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetterOf(record.topic(), group), -1));
        ExponentialBackOff backOff = new ExponentialBackOff(properties.retryBackoff().toMillis(), 2.0);
        backOff.setMaxAttempts(Math.max(0, properties.retryAttempts() - 1));
        var handler = new DefaultErrorHandler((record, failure) -> {
            publisher.accept(record, failure);
            Throwable cause = rootCause(failure);
            String reason = cause instanceof PoisonEventException ? "poison" : "retries-exhausted";
            Counter.builder(MetricNames.EVENTS_DEAD_LETTERED)
                    .description("records sent to a dead-letter topic")
                    .tag("topic", record.topic()).tag("group", group).tag("reason", reason)
                    .register(meters).increment();
            log.error("record {}-{}@{} dead-lettered to {} ({}): {}", record.topic(), record.partition(),
                    record.offset(), Topics.deadLetterOf(record.topic(), group), reason, cause.getMessage());
        }, backOff);
        handler.addNotRetryableExceptions(PoisonEventException.class);
        return handler;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof PoisonEventException)) {
            cause = cause.getCause();
        }
        return cause;
    }
}
