package org.mengkeju.platform.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;

/**
 * An event recorded inside its aggregate's document, in the same single-document write as the state change
 * that caused it; the {@link OutboxRelay} publishes it and then removes it.
 *
 * @param eventId   CloudEvents id, unique per event, what consumers de-duplicate on
 * @param type      versioned CloudEvents type
 * @param topic     the event stream
 * @param key       Kafka record key: what the topic keeps in order (the aggregate id unless the topic says otherwise)
 * @param subject   CloudEvents subject: what the event is about
 * @param time      when the state change happened (UTC)
 * @param requestId the API request that caused it, when there was one; stamped by the platform when it is saved
 * @param payload   JSON payload, already serialised so that the stored form is exactly what is published
 * @param traceparent the W3C trace context of the work that caused it, when it was traced; stamped with the request
 *                  id, sent as the record's {@code traceparent} header so the consumers' spans join the trace
 * @param checkedSchema the {@link EventSchemas#fingerprint fingerprint} of the schema the payload was checked against
 *                  when it was recorded; the relay checks it again only when its contract's schema is another one
 *                  now (or for an event recorded without it)
 */
public record PendingEvent(
        String eventId,
        String type,
        String topic,
        String key,
        String subject,
        Instant time,
        String requestId,
        String payload,
        String traceparent,
        String checkedSchema) {

    /** MDC key of the current request id, set by the web layer and the event listeners. */
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
     * A new event of {@code contract} keyed and about {@code key}. The payload is checked against the contract's
     * JSON Schema here, before anything is written, so no service can publish an event its consumers were not
     * promised. The request id is not read here: {@link OutboxRecording} stamps it when the aggregate is saved.
     *
     * @throws IllegalStateException when the payload violates the schema: a bug in the producing service
     */
    public static <T> PendingEvent of(EventContract<T> contract, String key, T payload, Instant time) {
        String json = EventJson.write(payload);
        List<String> violations = EventSchemas.violations(contract, json);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("event " + contract.type() + " about " + key
                    + " violates its schema: " + violations);
        }
        return new PendingEvent(UUID.randomUUID().toString(), contract.type(), contract.topic(), key, key, time,
                null, json, null, EventSchemas.fingerprint(contract));
    }

    /** The same event, caused by {@code requestId}. */
    public PendingEvent causedBy(String requestId) {
        return causedBy(requestId, traceparent);
    }

    /** The same event, caused by {@code requestId} within the trace {@code traceparent} (W3C, may be null). */
    public PendingEvent causedBy(String requestId, String traceparent) {
        return new PendingEvent(eventId, type, topic, key, subject, time, requestId, payload, traceparent,
                checkedSchema);
    }
}
