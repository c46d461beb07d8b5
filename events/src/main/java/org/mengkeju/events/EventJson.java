package org.mengkeju.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON mapping of event payloads: ISO-8601 instants. Tolerant reader, strict writer: a consumer ignores
 * fields its record does not know, so a producer that adds a field never turns every consumer's copy of an event
 * into poison at once; the producer side refuses anything that does not fit the schema
 * ({@link EventSchemas#violations}) before it is sent.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private EventJson() {
    }

    public static String write(Object payload) {
        return MAPPER.writeValueAsString(payload);
    }

    /**
     * Reads a payload, ignoring fields the record does not know; throws {@link tools.jackson.core.JacksonException}
     * when a known field does not fit. Consumers use {@link #readChecked} to also refuse missing required fields.
     */
    public static <T> T read(String json, Class<T> type) {
        return MAPPER.readValue(json, type);
    }

    /**
     * Reads a payload as a consumer does: the contract's schema without its ban on unknown fields (required fields,
     * types, formats and enumerations still hold), then the record.
     *
     * @throws IllegalArgumentException naming what does not fit
     */
    public static <T> T readChecked(EventContract<T> contract, String json) {
        var violations = EventSchemas.readerViolations(contract, json);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", violations));
        }
        return read(json, contract.payloadType());
    }
}
