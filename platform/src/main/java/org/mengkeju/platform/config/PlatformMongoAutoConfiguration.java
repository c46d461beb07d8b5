package org.mengkeju.platform.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.mengkeju.platform.health.MongoPingHealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Mongo health by {@code ping} (Boot's own indicator sends {@code hello}, which wire-compatible stores may not
 * answer), and a bound on how long a store call waits for its answer. The idempotent-consumer helper is configured
 * with the messaging plumbing.
 */
@AutoConfiguration(
        afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        beforeName = "org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration")
@ConditionalOnClass(MongoTemplate.class)
public class PlatformMongoAutoConfiguration {

    @Bean
    @ConditionalOnBean(MongoTemplate.class)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoTemplate mongo) {
        return new MongoPingHealthIndicator(mongo);
    }

    /** Only where Boot configures the driver (the gateway configures its own, see its client store). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer")
    static class StoreReadTimeout {

        /** How long a store call waits for an answer unless {@value #READ_TIMEOUT_PROPERTY} says otherwise. */
        static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
        static final String READ_TIMEOUT_PROPERTY = "mengkeju.mongo.read-timeout";

        /**
         * A store call that gets no answer within the read timeout fails (and its connection is dropped) instead of
         * waiting for ever, the driver's default: a connection lost without a reset, or a store that never answers
         * one command, would otherwise hold the calling thread for good, and with a listener thread the partition it
         * reads. A failed call is retried as any store error is; the longest command a service sends takes seconds.
         */
        @Bean
        MongoClientSettingsBuilderCustomizer storeReadTimeout(Environment environment) {
            Duration timeout = Binder.get(environment).bind(READ_TIMEOUT_PROPERTY, Duration.class)
                    .orElse(DEFAULT_READ_TIMEOUT);
            return settings -> settings.applyToSocketSettings(
                    socket -> socket.readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
