package org.mengkeju.platform.test;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventJson;
import org.mengkeju.platform.messaging.CloudEventHeaders;

/** Publishes events as another service would, with its CloudEvents headers, onto the real broker. */
public final class TestEvents {

    private TestEvents() {
    }

    public static <T> void publish(String bootstrap, EventContract<T> contract, String key, String eventId,
            String source, T payload) {
        send(bootstrap, contract.topic(), key, eventId, contract.type(), source, EventJson.write(payload), null);
    }

    /** As {@link #publish}, carrying the id of the API request that caused the event. */
    public static <T> void publish(String bootstrap, EventContract<T> contract, String key, String eventId,
            String source, T payload, String requestId) {
        send(bootstrap, contract.topic(), key, eventId, contract.type(), source, EventJson.write(payload), requestId);
    }

    /** As {@link #publish}, within the trace {@code traceparent} (the W3C header the outbox relay writes). */
    public static <T> void publishTraced(String bootstrap, EventContract<T> contract, String key, String eventId,
            String source, T payload, String traceparent) {
        send(bootstrap, contract.topic(), key, eventId, contract.type(), source, EventJson.write(payload), null,
                traceparent);
    }

    /** Sends a raw record, e.g. a payload that does not fit its contract; waits for the acknowledgement. */
    public static void send(String bootstrap, String topic, String key, String eventId, String type, String source,
            String payload, String requestId) {
        send(bootstrap, topic, key, eventId, type, source, payload, requestId, null);
    }

    private static void send(String bootstrap, String topic, String key, String eventId, String type, String source,
            String payload, String requestId, String traceparent) {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (var producer = new KafkaProducer<String, String>(config)) {
            var record = new ProducerRecord<>(topic, key, payload);
            CloudEventHeaders.write(record.headers(), eventId, type, source, Instant.now(), key, requestId);
            CloudEventHeaders.put(record.headers(), "traceparent", traceparent);
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not publish test event " + eventId, e);
        }
    }
}
