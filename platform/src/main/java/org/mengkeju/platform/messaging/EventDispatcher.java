package org.mengkeju.platform.messaging;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;

/**
 * Runs every {@link EventSubscription}: one listener container per consumer group, which parses each record into a
 * {@link ReceivedEvent} (a record without its CloudEvents attributes is poison), routes it by type to its handler
 * (types the group does not handle are counted as ignored), counts the outcome, and sends what cannot be processed
 * to the group's dead-letter topic after bounded retries.
 *
 * <p>Recovery after a restart. A process that dies without leaving its groups (kill -9, OOM, a lost host) would
 * leave its partitions with a ghost member until the group's session timeout ran out (45 s by default), and a
 * rebalance waits for it. Two settings make a restarted consumer resume within seconds:
 * <ul>
 *   <li><b>static membership</b> ({@code group.instance.id}, from {@code mengkeju.messaging.instance-id}, by default
 *       the application and host name): the restarted process rejoins under the same name, replaces its ghost at
 *       once and gets its old partitions back without a rebalance of the whole group. Chosen over "leave the group
 *       on shutdown", which does nothing for a process that crashed, and it also spares the other members a
 *       rebalance on every rolling restart;</li>
 *   <li><b>a shorter session</b> ({@code mengkeju.messaging.session-timeout}, 10 s): a static member that does not
 *       come back (scaled down, moved to another host) gives its partitions up after 10 s instead of 45 s. Not
 *       shorter, because a long GC pause or a slow local machine would then cause spurious rebalances.</li>
 * </ul>
 * Two processes of one service on one host need distinct instance ids (the broker fences the older one).
 */
public class EventDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
    private static final String UNROUTED_TYPE = "unrouted";

    private final List<Consumer> consumers = new ArrayList<>();
    private volatile boolean running;

    public EventDispatcher(List<EventSubscription> subscriptions, ConsumerFactory<String, String> consumerFactory,
            KafkaOperations<?, ?> deadLetterTemplate, MessagingProperties properties, MeterRegistry meters,
            String applicationName) {
        this(subscriptions, consumerFactory, deadLetterTemplate, properties, meters, applicationName,
                ObservationRegistry.NOOP);
    }

    /** As above, each record handled in an observation of {@code observations} (a span, where tracing is on). */
    public EventDispatcher(List<EventSubscription> subscriptions, ConsumerFactory<String, String> consumerFactory,
            KafkaOperations<?, ?> deadLetterTemplate, MessagingProperties properties, MeterRegistry meters,
            String applicationName, ObservationRegistry observations) {
        String instance = instanceId(properties, applicationName);
        for (EventSubscription subscription : subscriptions) {
            consumers.add(new Consumer(subscription, consumerFactory, deadLetterTemplate, properties, meters,
                    instance, observations));
        }
    }

    /** Whether every consumer group has joined and been given its partitions since it started. */
    public boolean allAssigned() {
        return consumers.stream().allMatch(c -> c.assigned);
    }

    /** Per consumer group: the partitions it holds, or null while it has not been assigned any yet. */
    public Map<String, Collection<String>> assignments() {
        Map<String, Collection<String>> assignments = new LinkedHashMap<>();
        for (Consumer consumer : consumers) {
            assignments.put(consumer.subscription.group(), consumer.assigned
                    ? consumer.partitions.stream().map(TopicPartition::toString).sorted().toList() : null);
        }
        return assignments;
    }

    @Override
    public void start() {
        consumers.forEach(c -> c.container.start());
        running = true;
    }

    @Override
    public void stop() {
        consumers.forEach(c -> c.container.stop());
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // As Spring's own listener registry: started last, stopped first.
        return Integer.MAX_VALUE - 100;
    }

    private static String instanceId(MessagingProperties properties, String applicationName) {
        if (properties.instanceId() != null) {
            return properties.instanceId().isBlank() ? null : validInstanceId(properties.instanceId());
        }
        return validInstanceId(applicationName + "." + hostName());
    }

    /** Kafka allows ASCII letters, digits, '.', '_' and '-' in an instance id. */
    private static String validInstanceId(String name) {
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    private static final class Consumer implements ConsumerAwareRebalanceListener {

        private final EventSubscription subscription;
        private final ConcurrentMessageListenerContainer<String, String> container;
        private final MeterRegistry meters;
        private final Set<TopicPartition> partitions = ConcurrentHashMap.newKeySet();
        private volatile boolean assigned;

        Consumer(EventSubscription subscription, ConsumerFactory<String, String> consumerFactory,
                KafkaOperations<?, ?> deadLetterTemplate, MessagingProperties properties, MeterRegistry meters,
                String instance, ObservationRegistry observations) {
            this.subscription = subscription;
            this.meters = meters;
            var containerProperties = new ContainerProperties(subscription.topics().toArray(String[]::new));
            containerProperties.setGroupId(subscription.group());
            containerProperties.setClientId(subscription.group());
            containerProperties.setConsumerRebalanceListener(this);
            containerProperties.setMessageListener((MessageListener<String, String>) this::onRecord);
            Properties consumerProperties = new Properties();
            if (instance != null) {
                consumerProperties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, subscription.group() + "." + instance);
            }
            consumerProperties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    String.valueOf(properties.sessionTimeout().toMillis()));
            consumerProperties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG,
                    String.valueOf(Math.max(500, properties.sessionTimeout().toMillis() / 4)));
            containerProperties.setKafkaConsumerProperties(consumerProperties);
            if (!observations.isNoop()) {
                // Each record handled in a span of the trace its traceparent header names (the outbox writes it), so
                // a deal's trace runs from the partner's request through every service that reacts to its events.
                containerProperties.setObservationEnabled(true);
                containerProperties.setObservationRegistry(observations);
            }
            this.container = new ConcurrentMessageListenerContainer<>(consumerFactory, containerProperties);
            container.setConcurrency(subscription.consumers());
            container.setBeanName(subscription.group());
            container.setRecordInterceptor(new RequestIdRecordInterceptor<>());
            container.setCommonErrorHandler(DeadLetters.errorHandler(deadLetterTemplate, properties, meters,
                    subscription.group()));
        }

        private void onRecord(ConsumerRecord<String, String> record) {
            ReceivedEvent event = ReceivedEvent.from(record);
            EventSubscription.Route<?> route = subscription.routeFor(event.type());
            Outcome outcome = route == null ? null : route.handle(event);
            // A type the group does not handle is tagged as such, not by its (sender-chosen) name: bounded tags.
            meters.counter(MetricNames.EVENTS_CONSUMED, "group", subscription.group(),
                    "type", route == null ? UNROUTED_TYPE : event.type(),
                    "outcome", outcome == null ? "ignored" : outcome.tag()).increment();
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assignment) {
            partitions.addAll(assignment);
            assigned = true;
            log.info("consumer group {} assigned {}", subscription.group(), partitions);
        }

        @Override
        public void onPartitionsRevokedAfterCommit(org.apache.kafka.clients.consumer.Consumer<?, ?> consumer,
                Collection<TopicPartition> revoked) {
            partitions.removeAll(revoked);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            partitions.removeAll(lost);
            assigned = false;
        }
    }
}
