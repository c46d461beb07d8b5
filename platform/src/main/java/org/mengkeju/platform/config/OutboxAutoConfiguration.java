package org.mengkeju.platform.config;

import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.platform.outbox.OutboxProperties;
import org.mengkeju.platform.outbox.OutboxRelay;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

/** The outbox relay, for a service that lists its aggregate collections under {@code mengkeju.outbox.collections}. */
@AutoConfiguration(
        afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
                "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration"})
@ConditionalOnClass({MongoTemplate.class, KafkaTemplate.class})
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    @ConditionalOnBean({MongoTemplate.class, KafkaTemplate.class, MeterRegistry.class})
    @ConditionalOnExpression("!'${mengkeju.outbox.collections:}'.isEmpty()")
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<?, ?> kafka, OutboxProperties properties,
            @Value("${spring.application.name}") String applicationName, MeterRegistry meters) {
        return new OutboxRelay(mongo, (KafkaTemplate<String, String>) kafka, properties,
                "/mengkeju/" + applicationName, meters);
    }
}
