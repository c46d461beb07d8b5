package org.mengkeju.platform.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import com.mongodb.MongoClientSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A store call never waits for ever: every service's client gets a read timeout, which a service may change. */
class StoreReadTimeoutTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PlatformMongoAutoConfiguration.class));

    @Test
    void theClientGivesUpOnACallAfterSixtySecondsWithoutAnswer() {
        runner.run(context -> assertThat(readTimeoutMillis(context.getBean(
                MongoClientSettingsBuilderCustomizer.class))).isEqualTo(60_000));
    }

    @Test
    void aServiceSetsItsOwnReadTimeout() {
        runner.withPropertyValues("mengkeju.mongo.read-timeout=15s")
                .run(context -> assertThat(readTimeoutMillis(context.getBean(
                        MongoClientSettingsBuilderCustomizer.class))).isEqualTo(15_000));
    }

    private static int readTimeoutMillis(MongoClientSettingsBuilderCustomizer customizer) {
        MongoClientSettings.Builder builder = MongoClientSettings.builder();
        customizer.customize(builder);
        return builder.build().getSocketSettings().getReadTimeout(TimeUnit.MILLISECONDS);
    }
}
