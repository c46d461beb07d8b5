package org.mengkeju.gateway.health;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway watches the services behind it, under {@code mengkeju.gateway.downstream-health.*}.
 *
 * @param path     each service's health endpoint; 200 means ready
 * @param interval time between two rounds of probes
 */
@ConfigurationProperties("mengkeju.gateway.downstream-health")
public record DownstreamHealthPolicy(@DefaultValue("/actuator/health/readiness") String path,
        @DefaultValue("5s") Duration interval) {

    public DownstreamHealthPolicy {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("mengkeju.gateway.downstream-health.path must start with /");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("mengkeju.gateway.downstream-health.interval must be positive");
        }
    }
}
