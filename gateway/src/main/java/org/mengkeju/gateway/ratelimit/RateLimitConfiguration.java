package org.mengkeju.gateway.ratelimit;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/** Where the buckets are held, by {@code mengkeju.gateway.rate-limits.store}. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateLimitConfiguration.class);

    @Bean
    ClientLimiter clientLimiter(RateLimits limits, ObjectProvider<ReactiveStringRedisTemplate> redis,
            MeterRegistry meters) {
        ClientRateLimiter memory = new ClientRateLimiter(limits);
        if (limits.store() == RateLimits.Store.REDIS) {
            ReactiveStringRedisTemplate template = redis.getIfAvailable();
            if (template == null) {
                throw new IllegalStateException("mengkeju.gateway.rate-limits.store is redis, but no Redis is "
                        + "configured (spring.data.redis.host, spring.data.redis.port)");
            }
            log.info("rate limits are held in Redis, shared by every gateway replica");
            RedisRateLimiter shared = new RedisRateLimiter(template, memory, limits, meters);
            shared.connect();
            return shared;
        }
        log.info("rate limits are held in this gateway's memory");
        return memory;
    }
}
