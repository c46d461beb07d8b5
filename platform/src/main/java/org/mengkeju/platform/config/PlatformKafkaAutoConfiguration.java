package org.mengkeju.platform.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.mengkeju.events.Topics;
import org.mengkeju.platform.health.KafkaHealthIndicator;
import org.mengkeju.platform.messaging.DeadLetters;
import org.mengkeju.platform.messaging.MessagingProperties;
import org.mengkeju.platform.messaging.RequestIdRecordInterceptor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;

/** Kafka health, the declared topics with their dead-letter topics, and the dead-lettering error handler. */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
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
    KafkaAdmin.NewTopics declaredTopics(MessagingProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : properties.topics()) {
            for (String name : List.of(topic, Topics.deadLetterOf(topic))) {
                topics.add(TopicBuilder.name(name).partitions(properties.partitions())
                        .replicas(properties.replicationFactor()).build());
            }
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    RequestIdRecordInterceptor requestIdRecordInterceptor() {
        return new RequestIdRecordInterceptor();
    }

    @Bean
    @ConditionalOnBean({KafkaTemplate.class, MeterRegistry.class})
    CommonErrorHandler deadLetteringErrorHandler(KafkaTemplate<?, ?> template, MessagingProperties properties,
            MeterRegistry meters) {
        return DeadLetters.errorHandler(template, properties, meters);
    }
}
