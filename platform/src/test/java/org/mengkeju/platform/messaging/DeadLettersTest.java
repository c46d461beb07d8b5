package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.Topics;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.metrics.MetricNames;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

class DeadLettersTest {

    String topic = RealInfrastructure.uniqueTopic("contracts");
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTemplate<String, String> template = RealInfrastructure.kafkaTemplate(RealInfrastructure.kafkaBootstrap(),
            Map.of());
    ConcurrentMessageListenerContainer<String, String> container;

    @AfterEach
    void stop() {
        if (container != null) {
            container.stop();
        }
    }

    @Test
    void aPoisonEventIsDeadLetteredAtOnceCountedAndDoesNotBlockThePartition() {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(record -> handled.add(ReceivedEvent.from(record).id()));

        template.send(new ProducerRecord<>(topic, "c-1", "{}")); // no CloudEvents headers: poison
        template.send(withHeaders(new ProducerRecord<>(topic, "c-2", "{}"), "evt-good"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("evt-good"));
        List<ConsumerRecord<String, String>> dead = RealInfrastructure.readTopic(Topics.deadLetterOf(topic), 1,
                Duration.ofSeconds(20));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("c-1");
        assertThat(header(dead.getFirst(), "kafka_dlt-exception-message")).contains("missing header ce_id");
        assertThat(meters.counter(MetricNames.EVENTS_DEAD_LETTERED, "topic", topic, "reason", "poison").count())
                .isEqualTo(1.0);
    }

    @Test
    void aFailingEventIsRetriedABoundedNumberOfTimesThenDeadLettered() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        start(record -> {
            attempts.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("ledger temporarily unavailable");
        });

        template.send(withHeaders(new ProducerRecord<>(topic, "c-3", "{}"), "evt-3"));

        List<ConsumerRecord<String, String>> dead = RealInfrastructure.readTopic(Topics.deadLetterOf(topic), 1,
                Duration.ofSeconds(30));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("c-3");
        assertThat(attempts.get("c-3")).hasValue(3);
        assertThat(meters.counter(MetricNames.EVENTS_DEAD_LETTERED, "topic", topic, "reason", "retries-exhausted")
                .count()).isEqualTo(1.0);
    }

    private void start(MessageListener<String, String> listener) {
        var consumers = new DefaultKafkaConsumerFactory<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-test-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        var properties = new ContainerProperties(topic);
        properties.setMessageListener(listener);
        container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(DeadLetters.errorHandler(template,
                new MessagingProperties(List.of(), 1, (short) 1, 3, Duration.ofMillis(50)), meters));
        container.start();
    }

    private static ProducerRecord<String, String> withHeaders(ProducerRecord<String, String> record, String id) {
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.ID, id);
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.TYPE, "org.mengkeju.contract.registered.v1");
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.SOURCE, "/mengkeju/contract-service");
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.SPEC_VERSION, "1.0");
        return record;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
