package org.mengkeju.platform.health;

import org.mengkeju.platform.messaging.EventDispatcher;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Part of readiness: DOWN until every consumer group of the service has joined and been given its partitions, so
 * "the platform is up" means events are being consumed, not just that the HTTP port answers. A member that the
 * group gave no partition (more replicas than partitions) counts as assigned: it has joined, and waiting would
 * keep it out of HTTP traffic for good.
 */
public class ConsumersAssignedHealthIndicator extends AbstractHealthIndicator {

    private final EventDispatcher dispatcher;

    public ConsumersAssignedHealthIndicator(EventDispatcher dispatcher) {
        super("consumer assignment check failed");
        this.dispatcher = dispatcher;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        var assignments = dispatcher.assignments();
        if (dispatcher.isRunning() && dispatcher.allAssigned()) {
            builder.up();
        } else {
            builder.down();
        }
        assignments.forEach((group, partitions) -> builder.withDetail(group,
                partitions == null ? "waiting for partitions" : partitions));
    }
}
