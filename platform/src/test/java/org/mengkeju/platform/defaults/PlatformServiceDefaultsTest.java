package org.mengkeju.platform.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

class PlatformServiceDefaultsTest {

    @Test
    void aServiceGetsThePlatformDefaultsAndItsOwnSettingsWin() {
        var environment = serviceEnvironment(Map.of(
                "spring.application.name", "points-service",
                "spring.kafka.consumer.group-id", "points-ledger"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, application(
                WebApplicationType.SERVLET));

        assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("points-ledger");
        assertThat(environment.getProperty("spring.kafka.producer.acks")).isEqualTo("all");
        assertThat(environment.getProperty("spring.kafka.producer.properties.enable.idempotence")).isEqualTo("true");
        assertThat(environment.getProperty("spring.data.mongodb.representation.big-decimal")).isEqualTo("decimal128");
        assertThat(environment.getProperty("spring.jackson.deserialization.fail-on-unknown-properties"))
                .isEqualTo("true");
        assertThat(environment.getProperty("management.metrics.tags.application")).isEqualTo("points-service");
        assertThat(environment.getPropertySources().stream().toList().getLast().getName())
                .isEqualTo(ServiceDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
    }

    @Test
    void theConsumerGroupIsTheApplicationNameUnlessTheServiceNamesOne() {
        var environment = serviceEnvironment(Map.of("spring.application.name", "finance-service"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, application(
                WebApplicationType.SERVLET));

        assertThat(environment.getProperty("spring.kafka.consumer.group-id")).isEqualTo("finance-service");
        assertThat(environment.getProperty("spring.kafka.consumer.auto-offset-reset")).isEqualTo("earliest");
    }

    @Test
    void theReactiveGatewayKeepsItsOwnConfiguration() {
        var environment = serviceEnvironment(Map.of("spring.application.name", "gateway"));

        new ServiceDefaultsEnvironmentPostProcessor().postProcessEnvironment(environment, application(
                WebApplicationType.REACTIVE));

        assertThat(environment.getPropertySources()
                .contains(ServiceDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
        assertThat(environment.getProperty("spring.kafka.producer.acks")).isNull();
    }

    @Test
    void isRegisteredUnderBootsEnvironmentPostProcessorKey() throws IOException {
        List<String> registered = new ArrayList<>();
        for (URL file : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            var factories = PropertiesLoaderUtils.loadProperties(new UrlResource(file));
            registered.addAll(List.of(factories.getProperty(EnvironmentPostProcessor.class.getName(), "").split(",")));
        }

        assertThat(registered).contains(ServiceDefaultsEnvironmentPostProcessor.class.getName());
    }

    @Test
    void theClockIsUtcInMillisecondsUnlessTheServiceDefinesOne() {
        var runner = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(ClockAutoConfiguration.class));

        runner.run(context -> {
            Clock clock = context.getBean(Clock.class);
            assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
            assertThat(clock.instant().getNano() % 1_000_000).isZero();
        });
        Clock fixed = Clock.fixed(Instant.parse("2026-05-01T00:00:00Z"), ZoneOffset.UTC);
        runner.withBean(Clock.class, () -> fixed)
                .run(context -> assertThat(context.getBean(Clock.class)).isSameAs(fixed));
    }

    private static StandardEnvironment serviceEnvironment(Map<String, Object> applicationYml) {
        var environment = new StandardEnvironment();
        environment.getPropertySources().addLast(new MapPropertySource("application.yml", applicationYml));
        return environment;
    }

    private static SpringApplication application(WebApplicationType type) {
        var application = new SpringApplication();
        application.setWebApplicationType(type);
        return application;
    }
}
