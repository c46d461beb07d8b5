package org.mengkeju.platform.messaging;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;

/**
 * An integration event as a consumer sees it: the CloudEvents attributes from the headers and the JSON
 * payload. A record without the required attributes is a {@link PoisonEventException}, not a retry.
 */
public record ReceivedEvent(
        String id,
        String type,
        String source,
        String subject,
        Instant time,
        String requestId,
        String topic,
        String key,
        String payload,
        String dataSchema) {

    public static ReceivedEvent from(ConsumerRecord<String, String> record) {
        var headers = record.headers();
        String id = required(record, CloudEventHeaders.ID);
        String type = required(record, CloudEventHeaders.TYPE);
        String source = required(record, CloudEventHeaders.SOURCE);
        String specVersion = required(record, CloudEventHeaders.SPEC_VERSION);
        if (!CloudEventHeaders.SPEC_VERSION_VALUE.equals(specVersion)) {
            throw new PoisonEventException("unsupported ce_specversion '" + specVersion + "' at " + position(record));
        }
        String time = CloudEventHeaders.get(headers, CloudEventHeaders.TIME);
        Instant instant;
        try {
            instant = time == null ? null : Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("ce_time '" + time + "' is not an RFC 3339 time at " + position(record));
        }
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no payload at " + position(record));
        }
        return new ReceivedEvent(id, type, source, CloudEventHeaders.get(headers, CloudEventHeaders.SUBJECT), instant,
                CloudEventHeaders.get(headers, CloudEventHeaders.REQUEST_ID), record.topic(), record.key(),
                record.value(), CloudEventHeaders.get(headers, CloudEventHeaders.DATA_SCHEMA));
    }

    public boolean is(EventContract<?> contract) {
        return contract.type().equals(type);
    }

    /**
     * The id of the effect {@code purpose} of this event, for a consumer that writes one document per event: the
     * same event always yields the same id. {@code purpose} is stored forever: a literal, never a Java name.
     */
    public String effectId(String purpose) {
        return IdempotentConsumer.derivedId(purpose, this);
    }

    /**
     * The payload as the contract's record, read tolerantly: fields the record does not know are ignored, but a
     * payload missing a required field or with a field of the wrong type or format is poison. A payload published as
     * checked against this very schema ({@link CloudEventHeaders#DATA_SCHEMA}) is not checked a second time.
     */
    public <T> T payloadAs(EventContract<T> contract) {
        try {
            if (EventSchemas.dataSchema(contract).equals(dataSchema)) {
                // Checked by the producer against this very schema (strictly, so the reader's looser check holds).
                return EventJson.read(payload, contract.payloadType());
            }
            return EventJson.readChecked(contract, payload);
        } catch (RuntimeException e) {
            throw new PoisonEventException("event " + id + " of type " + type + " does not fit "
                    + contract.payloadType().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String required(ConsumerRecord<String, String> record, String header) {
        String value = CloudEventHeaders.get(record.headers(), header);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("missing header " + header + " at " + position(record));
        }
        return value;
    }

    private static String position(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
