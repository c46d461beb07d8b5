package org.mengkeju.platform.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.slf4j.MDC;

/**
 * An event recorded inside its aggregate's document, in the same single-document write as the state change
 * that caused it; the {@link OutboxRelay} publishes it and then removes it.
 *
 * @param eventId   CloudEvents id, unique per event, what consumers de-duplicate on
 * @param type      versioned CloudEvents type
 * @param topic     the event stream
 * @param key       Kafka record key: the aggregate id, so one aggregate's events stay in order
 * @param subject   CloudEvents subject: what the event is about
 * @param time      when the state change happened (UTC)
 * @param requestId the API request that caused it, when there was one
 * @param payload   JSON payload, already serialised so that the stored form is exactly what is published
 */
public record PendingEvent(
        String eventId,
        String type,
        String topic,
        String key,
        String subject,
        Instant time,
        String requestId,
        String payload) {

    /** MDC key of the current request id, set by the web layer. */
    public static final String REQUEST_ID_MDC = "requestId";

    public PendingEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * A new event of {@code contract} about the aggregate {@code aggregateId}. The payload is checked against the
     * contract's JSON Schema here, before anything is written, so no service can publish an event its consumers were
     * not promised.
     *
     * @throws IllegalStateException when the payload violates the schema: a bug in the producing service
     */
    public static <T> PendingEvent of(EventContract<T> contract, String aggregateId, T payload, Instant time) {
        String json = EventJson.write(payload);
        List<String> violations = EventSchemas.violations(contract, json);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("event " + contract.type() + " about " + aggregateId
                    + " violates its schema: " + violations);
        }
        return new PendingEvent(UUID.randomUUID().toString(), contract.type(), contract.topic(), aggregateId,
                aggregateId, time, MDC.get(REQUEST_ID_MDC), json);
    }
}
