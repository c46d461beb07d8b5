package org.mengkeju.platform.messaging;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;

/**
 * A consumer as its own process, so a test can kill it as a crash would (no leaving the group, no goodbye):
 * {@code <bootstrap> <topic> <group> <instance id> <session timeout ms>}. Prints {@code STARTING}, then
 * {@code ASSIGNED} once its group gave it its partitions, then {@code HANDLED <event id>} per event.
 */
public final class ConsumerProcess {

    private ConsumerProcess() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println("STARTING");
        String bootstrap = args[0];
        var contract = new EventContract<>(AchievementPublished.CONTRACT.type(), args[1], AchievementPublished.class);
        var subscription = EventSubscription.group(args[2]).on(contract, (event, payload) -> {
            System.out.println("HANDLED " + event.id());
            return Outcome.APPLIED;
        }).build();
        var consumers = new DefaultKafkaConsumerFactory<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        var properties = new MessagingProperties(List.of(), 1, (short) 1, 3, Duration.ofMillis(50), Duration.ofDays(7),
                Duration.ofDays(30), args[3], Duration.ofMillis(Long.parseLong(args[4])));
        var dispatcher = new EventDispatcher(List.of(subscription), consumers,
                RealInfrastructure.kafkaTemplate(bootstrap, Map.of()), properties, new SimpleMeterRegistry(), "test");
        dispatcher.start();
        while (!dispatcher.allAssigned()) {
            Thread.sleep(20);
        }
        System.out.println("ASSIGNED");
        Thread.currentThread().join(); // until killed
    }
}
