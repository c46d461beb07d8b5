package org.mengkeju.events;

import java.util.Objects;

/**
 * What other services may rely on about one kind of event: its CloudEvents type, the Kafka topic
 * it travels on, its payload record, and where its JSON Schema and golden sample live.
 *
 * @param type        versioned CloudEvents type, e.g. {@code org.mengkeju.catalog.achievement.published.v1}
 * @param topic       the topic of the event stream; the record key is the aggregate id
 * @param payloadType the record the JSON payload maps to
 */
public record EventContract<T>(String type, String topic, Class<T> payloadType) {

    public EventContract {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(payloadType, "payloadType");
    }

    /** Classpath location of the JSON Schema, beside the payload record. */
    public String schemaResource() {
        return resourceBase() + ".schema.json";
    }

    /** Classpath location of the golden sample payload, beside the payload record. */
    public String sampleResource() {
        return resourceBase() + ".sample.json";
    }

    private String resourceBase() {
        return payloadType.getPackageName().replace('.', '/') + "/" + payloadType.getSimpleName();
    }
}
