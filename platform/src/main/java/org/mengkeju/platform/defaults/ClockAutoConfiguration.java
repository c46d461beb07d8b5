package org.mengkeju.platform.defaults;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The clock every service reads time from; a service or a test that defines its own {@link Clock} replaces it. */
@AutoConfiguration
public class ClockAutoConfiguration {

    /** UTC, ticking in milliseconds: what MongoDB stores is then exactly what the API and the events show. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
    }
}
