package org.mengkeju.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.mengkeju.events.Topics;
import org.mengkeju.platform.health.ConsumersAssignedHealthIndicator;
import org.mengkeju.platform.health.KafkaHealthIndicator;
import org.mengkeju.platform.messaging.EventDispatcher;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.mengkeju.platform.messaging.MessagingProperties;
import org.mengkeju.platform.messaging.RequestIdRecordInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Kafka health, the declared topics, and the event dispatcher that runs every {@link EventSubscription} bean with
 * its own dead-letter topic, declared here too, and a readiness contributor that waits for its partitions.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.mengkeju.platform.config.PlatformMongoAutoConfiguration"})
@ConditionalOnClass(KafkaTemplate.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class PlatformKafkaAutoConfiguration {

    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), Duration.ofSeconds(3));
    }

    @Bean
    KafkaAdmin.NewTopics declaredTopics(MessagingProperties properties,
            ObjectProvider<EventSubscription> subscriptions) {
        Set<String> names = new LinkedHashSet<>(properties.topics());
        subscriptions.orderedStream().forEach(s -> s.topics().forEach(t -> names.add(Topics.deadLetterOf(t,
                s.group()))));
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            topics.add(TopicBuilder.name(name).partitions(properties.partitions())
                    .replicas(properties.replicationFactor())
                    .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(properties.topicRetention().toMillis()))
                    .build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    RequestIdRecordInterceptor<Object, Object> requestIdRecordInterceptor() {
        return new RequestIdRecordInterceptor<>();
    }

    @Bean
    @ConditionalOnBean({EventSubscription.class, ConsumerFactory.class, KafkaTemplate.class, MeterRegistry.class})
    @SuppressWarnings("unchecked")
    EventDispatcher eventDispatcher(ObjectProvider<EventSubscription> subscriptions,
            ConsumerFactory<?, ?> consumerFactory, KafkaTemplate<?, ?> template, MessagingProperties properties,
            MeterRegistry meters, @Value("${spring.application.name:service}") String applicationName,
            ObjectProvider<ObservationRegistry> observations) {
        return new EventDispatcher(subscriptions.orderedStream().toList(),
                (ConsumerFactory<String, String>) consumerFactory, template, properties, meters, applicationName,
                observations.getIfUnique(() -> ObservationRegistry.NOOP));
    }

    @Bean
    @ConditionalOnBean(EventDispatcher.class)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    ConsumersAssignedHealthIndicator consumersHealthIndicator(EventDispatcher dispatcher) {
        return new ConsumersAssignedHealthIndicator(dispatcher);
    }

    /** Idempotent consumers record processed events in the service's store, where there is one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.data.mongodb.core.MongoTemplate")
    static class ProcessedEvents {

        @Bean
        @ConditionalOnBean(MongoTemplate.class)
        IdempotentConsumer idempotentConsumer(MongoTemplate mongo, MessagingProperties properties) {
            return new IdempotentConsumer(mongo, properties.processedEventsRetention());
        }
    }
}
