package org.mengkeju.platform.ops;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.platform.messaging.EventSubscription;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The dead-letter desk of a service with a store and a broker: its consumer groups' dead letters listed and
 * replayed for operators at {@link DeadLetterController#PATH}.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.mengkeju.platform.config.PlatformKafkaAutoConfiguration",
        "org.mengkeju.platform.defaults.ClockAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({KafkaTemplate.class, MongoTemplate.class})
public class OpsAutoConfiguration {

    /** How long a replay in progress is left alone before another request may take it over. */
    static final Duration REPLAY_LEASE = Duration.ofSeconds(30);

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    DeadLetterReplays deadLetterReplays(MongoTemplate mongo) {
        return new DeadLetterReplays(mongo, REPLAY_LEASE);
    }

    @Bean
    @ConditionalOnBean({DeadLetterReplays.class, KafkaTemplate.class, ConsumerFactory.class, MeterRegistry.class})
    @SuppressWarnings("unchecked")
    DeadLetterDesk deadLetterDesk(@Value("${spring.application.name:service}") String application,
            ObjectProvider<EventSubscription> subscriptions, ConsumerFactory<?, ?> consumers,
            KafkaTemplate<?, ?> template, DeadLetterReplays replays, MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        return new DeadLetterDesk(application, subscriptions.orderedStream().toList(),
                consumers.getConfigurationProperties(), (KafkaOperations<String, String>) template, replays, meters,
                clock.getIfUnique(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnBean(DeadLetterDesk.class)
    DeadLetterController deadLetterController(DeadLetterDesk desk) {
        return new DeadLetterController(desk);
    }
}
