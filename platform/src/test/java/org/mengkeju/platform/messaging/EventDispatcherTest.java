package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.metrics.MetricNames;
import org.springframework.kafka.core.KafkaTemplate;

/** The one listener shape, on the real broker: parsing, routing, metrics, idempotency and per-group dead letters. */
class EventDispatcherTest {

    String topic = RealInfrastructure.uniqueTopic("achievements");
    EventContract<AchievementPublished> contract = new EventContract<>(AchievementPublished.CONTRACT.type(), topic,
            AchievementPublished.class);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTemplate<String, String> template = RealInfrastructure.kafkaTemplate(RealInfrastructure.kafkaBootstrap(),
            Map.of());
    List<EventDispatcher> dispatchers = new ArrayList<>();

    @AfterEach
    void stop() {
        dispatchers.forEach(EventDispatcher::stop);
    }

    @Test
    void aConsumerReadsAnEventWithAFieldItDoesNotKnow() {
        List<AchievementPublished> handled = new CopyOnWriteArrayList<>();
        start(EventSubscription.group("awards").on(contract, (event, published) -> {
            handled.add(published);
            return Outcome.APPLIED;
        }).build());

        send("ach-1", "evt-extra", contract.type(), """
                {"achievementId":"ach-1","title":"稀土抛光粉","ownerInstitutionId":"imut","industryChain":"RARE_EARTHS",
                 "maturity":"PILOT","publishedAt":"2026-05-18T02:30:00Z","reviewer":{"name":"added later"}}""");

        await().atMost(Duration.ofSeconds(30)).until(() -> !handled.isEmpty());
        assertThat(handled).containsExactly(new AchievementPublished("ach-1", "稀土抛光粉", "imut", "RARE_EARTHS",
                "PILOT", Instant.parse("2026-05-18T02:30:00Z")));
        assertThat(meters.counter(MetricNames.EVENTS_CONSUMED, "group", "awards", "type", contract.type(),
                "outcome", "applied").count()).isEqualTo(1.0);
        assertThat(Topics.deadLetterOf(topic, "awards")).isEqualTo(topic + ".awards.dlt");
    }

    @Test
    void aPoisonEventGoesToItsGroupsDeadLetterTopicAtOnceAndTheNextEventStillCounts() {
        List<String> handled = new CopyOnWriteArrayList<>();
        start(EventSubscription.group("ledger").on(contract, (event, published) -> {
            handled.add(event.id());
            return Outcome.APPLIED;
        }).build());

        template.send(new ProducerRecord<>(topic, "ach-0", "{}")); // no CloudEvents headers: poison
        send("ach-2", "evt-missing", contract.type(), "{\"achievementId\":\"ach-2\"}"); // required fields missing
        send("ach-3", "evt-good", contract.type(), sample("ach-3"));

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("evt-good"));
        List<ConsumerRecord<String, String>> dead = RealInfrastructure.readTopic(Topics.deadLetterOf(topic, "ledger"),
                2, Duration.ofSeconds(20));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("ach-0", "ach-2");
        assertThat(CloudEventHeaders.get(dead.getFirst().headers(), "kafka_dlt-exception-message")).contains("missing header ce_id");
        assertThat(CloudEventHeaders.get(dead.get(1).headers(), "kafka_dlt-exception-message")).contains("ownerInstitutionId");
        assertThat(handled).containsExactly("evt-good");
        assertThat(meters.counter(MetricNames.EVENTS_DEAD_LETTERED, "topic", topic, "group", "ledger",
                "reason", "poison").count()).isEqualTo(2.0);
    }

    @Test
    void aFailingHandlerIsRetriedABoundedNumberOfTimesThenDeadLetteredForItsGroupOnly() {
        Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        List<String> otherGroup = new CopyOnWriteArrayList<>();
        start(EventSubscription.group("failing").on(contract, (event, published) -> {
            attempts.computeIfAbsent(event.id(), k -> new AtomicInteger()).incrementAndGet();
            throw new IllegalStateException("ledger temporarily unavailable");
        }).build());
        start(EventSubscription.group("healthy").on(contract, (event, published) -> {
            otherGroup.add(event.id());
            return Outcome.APPLIED;
        }).build());

        send("ach-4", "evt-4", contract.type(), sample("ach-4"));

        List<ConsumerRecord<String, String>> dead = RealInfrastructure.readTopic(Topics.deadLetterOf(topic, "failing"),
                1, Duration.ofSeconds(30));
        assertThat(dead).extracting(ConsumerRecord::key).containsExactly("ach-4");
        assertThat(attempts.get("evt-4")).hasValue(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> otherGroup.contains("evt-4"));
        assertThat(RealInfrastructure.readTopic(Topics.deadLetterOf(topic, "healthy"), 1, Duration.ofSeconds(2)))
                .isEmpty();
        assertThat(meters.counter(MetricNames.EVENTS_DEAD_LETTERED, "topic", topic, "group", "failing",
                "reason", "retries-exhausted").count()).isEqualTo(1.0);
    }

    @Test
    void aRepeatableEffectRunsOncePerEventAndOtherTypesAreIgnored() {
        AtomicInteger effects = new AtomicInteger();
        var once = new IdempotentConsumer(RealInfrastructure.freshMongo(), Duration.ofDays(30));
        start(EventSubscription.group("listing-index")
                .once(contract, once, (event, published) -> effects.incrementAndGet()).build());

        send("ach-5", "evt-5", contract.type(), sample("ach-5"));
        send("ach-5", "evt-5", contract.type(), sample("ach-5")); // redelivery
        send("ach-5", "evt-other", "org.mengkeju.catalog.achievement.withdrawn.v1", "{}");

        await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter(MetricNames.EVENTS_CONSUMED,
                "group", "listing-index", "type", "unrouted", "outcome", "ignored").count() == 1.0);
        assertThat(effects).hasValue(1);
        assertThat(meters.counter(MetricNames.EVENTS_CONSUMED, "group", "listing-index", "type", contract.type(),
                "outcome", "duplicate").count()).isEqualTo(1.0);
    }

    @Test
    void theDispatcherReportsEachGroupAssignedOnceItHasJoined() {
        EventDispatcher dispatcher = start(EventSubscription.group("assigned").on(contract, (e, p) -> Outcome.APPLIED)
                .build());

        await().atMost(Duration.ofSeconds(30)).until(dispatcher::allAssigned);
        assertThat(dispatcher.assignments().get("assigned")).contains(topic + "-0");
    }

    @Test
    void aGroupRunWithThreeConsumersHandlesThePartitionsOfItsTopicAtTheSameTime() throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(Map.of(
                org.apache.kafka.clients.admin.AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrap()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
        }
        var inside = new java.util.concurrent.CountDownLatch(3);
        java.util.Set<String> threads = ConcurrentHashMap.newKeySet();
        EventDispatcher dispatcher = start(EventSubscription.group("parallel").on(contract, (event, published) -> {
            threads.add(Thread.currentThread().getName());
            inside.countDown();
            // each handler waits until all three are inside it: only consumers running at the same time get there
            try {
                if (!inside.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the partitions were handled one after the other");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return Outcome.APPLIED;
        }).consumers(3).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher.assignments().get("parallel") != null
                && dispatcher.assignments().get("parallel").size() == 3);

        for (int partition = 0; partition < 3; partition++) {
            var record = new ProducerRecord<>(topic, partition, "ach-" + partition, sample("ach-" + partition));
            CloudEventHeaders.write(record.headers(), "evt-p" + partition, contract.type(), "/mengkeju/catalog-service",
                    Instant.now(), "ach-" + partition, null);
            template.send(record);
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> meters.counter(MetricNames.EVENTS_CONSUMED, "group",
                "parallel", "type", contract.type(), "outcome", "applied").count() == 3.0);
        assertThat(threads).hasSize(3);
    }

    @Test
    void aGroupRunsAtLeastOneConsumer() {
        var group = EventSubscription.group("awards").on(contract, (e, p) -> Outcome.APPLIED);

        assertThat(group.build().consumers()).as("unless set").isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> group.consumers(0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private EventDispatcher start(EventSubscription subscription) {
        var dispatcher = RealInfrastructure.startDispatcher(subscription, template, meters, "test-" + topic);
        dispatchers.add(dispatcher);
        return dispatcher;
    }

    private void send(String key, String id, String type, String payload) {
        RealInfrastructure.sendEvent(template, topic, key, id, type, payload);
    }

    private static String sample(String id) {
        return """
                {"achievementId":"%s","title":"高炉泥炮自动装炮泥机器人","ownerInstitutionId":"imut",
                 "industryChain":"EQUIPMENT_MANUFACTURING","maturity":"PILOT","publishedAt":"2026-06-18T02:00:00Z"}"""
                .formatted(id);
    }
}
