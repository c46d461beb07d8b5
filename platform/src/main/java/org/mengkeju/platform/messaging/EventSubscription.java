package org.mengkeju.platform.messaging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

import org.mengkeju.events.EventContract;

/**
 * One consumer: a Kafka consumer group and a handler per event contract it reads. Declared as a bean, it is run by
 * the platform's {@link EventDispatcher}, which owns parsing, routing, the consumed-events metric, idempotency and
 * dead-lettering. A consumer is then a few lines:
 *
 * <pre>{@code
 * @Bean
 * EventSubscription achievementAwards(PointsLedger ledger) {
 *     return EventSubscription.group("points-achievement-awards")
 *             .on(AchievementPublished.CONTRACT, (event, published) -> ledger.credit(...))
 *             .build();
 * }
 * }</pre>
 *
 * <p>The group name is part of the consumer's identity: its committed offsets, its dead-letter topic
 * ({@code <topic>.<group>.dlt}) and its processed-event records. Never rename it.
 */
public final class EventSubscription {

    private final String group;
    private final Map<String, Route<?>> routes;
    private final int consumers;

    private EventSubscription(String group, Map<String, Route<?>> routes, int consumers) {
        this.group = group;
        this.routes = Map.copyOf(routes);
        this.consumers = consumers;
    }

    public static Builder group(String group) {
        return new Builder(group);
    }

    public String group() {
        return group;
    }

    /** How many consumers of the group this process runs, each on partitions of its own (1 unless set). */
    public int consumers() {
        return consumers;
    }

    /** The topics the contracts travel on, each read once. */
    public List<String> topics() {
        return routes.values().stream().map(r -> r.contract().topic()).distinct().sorted().toList();
    }

    Route<?> routeFor(String type) {
        return routes.get(type);
    }

    record Route<T>(EventContract<T> contract, EventHandler<T> handler) {

        IdempotentConsumer.Outcome handle(ReceivedEvent event) {
            return handler.handle(event, event.payloadAs(contract));
        }
    }

    public static final class Builder {

        private final String group;
        private final Map<String, Route<?>> routes = new LinkedHashMap<>();
        private int consumers = 1;

        private Builder(String group) {
            if (group == null || !group.matches("[a-z0-9][a-z0-9-]{0,99}")) {
                throw new IllegalArgumentException("a consumer group is lower-case letters, digits and '-': " + group);
            }
            this.group = group;
        }

        /**
         * Handles {@code contract}'s events with a handler that is idempotent by itself, typically by writing a
         * document whose id is {@link ReceivedEvent#effectId derived from the event}.
         */
        public <T> Builder on(EventContract<T> contract, EventHandler<T> handler) {
            Objects.requireNonNull(contract, "contract");
            Objects.requireNonNull(handler, "handler");
            if (routes.putIfAbsent(contract.type(), new Route<>(contract, handler)) != null) {
                throw new IllegalArgumentException(group + " handles " + contract.type() + " twice");
            }
            return this;
        }

        /**
         * Handles {@code contract}'s events with an effect on existing documents that is safe to repeat (a guarded
         * state transition); the platform records the event as processed by this group afterwards, so a redelivery
         * is skipped. The records expire after the configured retention, which outlives the topics' retention.
         */
        public <T> Builder once(EventContract<T> contract, IdempotentConsumer idempotence,
                BiConsumer<ReceivedEvent, T> repeatableEffect) {
            Objects.requireNonNull(idempotence, "idempotence");
            return on(contract, (event, payload) -> idempotence.runOnce(group, event,
                    () -> repeatableEffect.accept(event, payload)));
        }

        /**
         * Runs {@code count} consumers of the group in this process (1 by default), so that its topics' partitions are
         * handled at the same time rather than one record after another. Records of one partition, and so of one
         * key, still come one after the other; the handlers must bear records of different keys at once.
         */
        public Builder consumers(int count) {
            if (count < 1) {
                throw new IllegalArgumentException(group + " needs at least one consumer, not " + count);
            }
            this.consumers = count;
            return this;
        }

        public EventSubscription build() {
            if (routes.isEmpty()) {
                throw new IllegalStateException(group + " handles no event contract");
            }
            return new EventSubscription(group, routes, consumers);
        }
    }
}
