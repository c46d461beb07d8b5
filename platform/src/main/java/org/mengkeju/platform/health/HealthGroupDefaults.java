package org.mengkeju.platform.health;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Liveness and readiness as separate health groups in every service, as defaults a service may override:
 * <ul>
 *   <li>{@code /actuator/health/liveness}: only the application's own liveness state. A broker or database outage
 *       never fails it, so an orchestrator never restarts a service that could recover by itself: with the
 *       outbox a service keeps accepting writes while Kafka is down.</li>
 *   <li>{@code /actuator/health/readiness}: every contributor (Kafka, the store, consumer assignment, disk)
 *       but liveness. A broker outage takes the service out of rotation until it is back.</li>
 * </ul>
 * A group's members are named by exclusion so the same default fits a service without Kafka or a store.
 */
public class HealthGroupDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "mengkeju-health-groups";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.probes.enabled", "true",
                "management.endpoint.health.group.liveness.include", "livenessState",
                "management.endpoint.health.group.readiness.include", "*",
                "management.endpoint.health.group.readiness.exclude", "livenessState")));
    }
}
