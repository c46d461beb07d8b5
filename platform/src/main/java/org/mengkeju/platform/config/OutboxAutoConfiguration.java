package org.mengkeju.platform.config;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.outbox.OutboxEndpoint;
import org.mengkeju.platform.outbox.OutboxProperties;
import org.mengkeju.platform.outbox.OutboxRecording;
import org.mengkeju.platform.outbox.OutboxRelay;
import org.mengkeju.platform.outbox.OutboxSignal;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The outbox: aggregates record events ({@link OutboxRecording}, {@link OutboxAggregates}) and the relay publishes
 * them, for a service that lists its aggregate collections under {@code mengkeju.outbox.collections}.
 */
@AutoConfiguration(
        afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MongoTemplate.class, KafkaTemplate.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    OutboxSignal outboxSignal() {
        return new OutboxSignal();
    }

    @Bean
    OutboxRecording outboxRecording(OutboxSignal signal) {
        return new OutboxRecording(signal);
    }

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    OutboxAggregates outboxAggregates(MongoTemplate mongo, OutboxSignal signal) {
        return new OutboxAggregates(mongo, signal);
    }

    @Bean
    @ConditionalOnBean({MongoTemplate.class, ProducerFactory.class, MeterRegistry.class})
    @ConditionalOnExpression("!'${mengkeju.outbox.collections:}'.isEmpty()")
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(MongoTemplate mongo, ProducerFactory<?, ?> producers, OutboxProperties properties,
            @Value("${spring.application.name}") String applicationName, MeterRegistry meters, OutboxSignal signal) {
        return new OutboxRelay(mongo, relayTemplate((ProducerFactory<String, String>) producers, properties),
                properties, "/mengkeju/" + applicationName, meters, signal);
    }

    /**
     * The relay's own producer: blocking for metadata and delivery are bounded by the relay's ack timeout, so a broker
     * outage costs a pass seconds, not the client's default minute per event. Public for the outbox benchmark, which
     * measures the relay as the services run it.
     */
    public static KafkaTemplate<String, String> relayTemplate(ProducerFactory<String, String> producers,
            OutboxProperties properties) {
        long ack = properties.ackTimeout().toMillis();
        Map<String, Object> overrides = new HashMap<>();
        overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ack / 2);
        overrides.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (ack / 2));
        // delivery.timeout.ms must cover linger.ms + request.timeout.ms; the ack timeout does.
        overrides.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ack);
        overrides.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaTemplate<>(producers, overrides);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class OutboxEndpointConfiguration {

        @Bean
        @ConditionalOnBean(MongoTemplate.class)
        OutboxEndpoint outboxEndpoint(MongoTemplate mongo, OutboxProperties properties) {
            return new OutboxEndpoint(mongo, properties);
        }
    }
}
