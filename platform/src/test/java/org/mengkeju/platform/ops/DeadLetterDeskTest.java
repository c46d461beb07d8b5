package org.mengkeju.platform.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.messaging.EventDispatcher;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.metrics.MetricNames;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The dead-letter desk on the real broker and store: a poison event lands in its group's dead-letter topic, the
 * operator sees it with its reason, replays it once the handler is fixed, and the group processes it exactly once,
 * however often the operator asks.
 */
class DeadLetterDeskTest {

    static final CallerIdentity OPERATOR = new CallerIdentity("ops-console", Role.OPERATOR, "nmg-kjt", "150000");
    static final CallerIdentity PARTNER = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
    static final String GROUP = "points-achievement-awards";

    String topic = RealInfrastructure.uniqueTopic("achievements");
    EventContract<AchievementPublished> contract = new EventContract<>(AchievementPublished.CONTRACT.type(), topic,
            AchievementPublished.class);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    KafkaTemplate<String, String> template = RealInfrastructure.kafkaTemplate(RealInfrastructure.kafkaBootstrap(),
            Map.of());
    MongoTemplate mongo = RealInfrastructure.freshMongo();
    AtomicBoolean ledgerFixed = new AtomicBoolean();
    List<String> awarded = new CopyOnWriteArrayList<>();
    List<EventDispatcher> dispatchers = new ArrayList<>();

    /** The group's handler fails, as a deployment with a bug would, until the fix is in. */
    EventSubscription awards = EventSubscription.group(GROUP)
            .once(contract, new IdempotentConsumer(mongo, Duration.ofDays(45)), (event, published) -> {
                if (!ledgerFixed.get()) {
                    throw new IllegalStateException("award rule for " + published.industryChain() + " not loaded");
                }
                awarded.add(event.id());
            }).build();
    DeadLetterDesk desk = new DeadLetterDesk("points-service", List.of(awards),
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafkaBootstrap()), template,
            new DeadLetterReplays(mongo, Duration.ofSeconds(30)), meters, Clock.systemUTC());

    @AfterEach
    void stop() {
        dispatchers.forEach(EventDispatcher::stop);
    }

    @Test
    void aFailedEventIsListedReplayedOnceTheHandlerIsFixedAndConsumedOnce() {
        start(awards);
        send("ach-0042", "evt-0042", sample("ach-0042"));

        DeadLetter letter = awaitDeadLetters(1).getFirst();
        assertThat(letter.id()).isEqualTo(Topics.deadLetterOf(topic, GROUP) + ":0:0");
        assertThat(letter.topic()).isEqualTo(topic);
        assertThat(letter.group()).isEqualTo(GROUP);
        assertThat(letter.key()).isEqualTo("ach-0042");
        assertThat(letter.eventId()).isEqualTo("evt-0042");
        assertThat(letter.eventType()).isEqualTo(AchievementPublished.CONTRACT.type());
        assertThat(letter.reason()).contains("award rule for RARE_EARTHS not loaded");
        assertThat(letter.payload()).contains("稀土");
        assertThat(letter.replay()).isNull();
        assertThat(desk.list(OPERATOR, 100).awaitingReplay()).isEqualTo(1);
        assertThat(desk.summary(OPERATOR)).satisfies(summary -> {
            assertThat(summary.total()).isEqualTo(1);
            assertThat(summary.awaitingReplay()).isEqualTo(1);
            assertThat(summary.deadLetters()).isEmpty();
        });
        assertThat(awarded).isEmpty();

        ledgerFixed.set(true);
        var replayed = desk.replay(OPERATOR, letter.id());

        assertThat(replayed.replayedNow()).isTrue();
        assertThat(replayed.deadLetter().replay().state()).isEqualTo("REPLAYED");
        assertThat(replayed.deadLetter().replay().requestedBy()).isEqualTo("ops-console");
        await().atMost(Duration.ofSeconds(30)).until(() -> awarded.contains("evt-0042"));

        var again = desk.replay(OPERATOR, letter.id());

        assertThat(again.replayedNow()).isFalse();
        assertThat(again.deadLetter().replay().replayedAt()).isEqualTo(replayed.deadLetter().replay().replayedAt());
        var listing = desk.list(OPERATOR, 100);
        assertThat(listing.total()).isEqualTo(1);
        assertThat(listing.awaitingReplay()).isZero();
        assertThat(listing.deadLetters().getFirst().replay().state()).isEqualTo("REPLAYED");
        assertThat(desk.summary(OPERATOR).total()).isEqualTo(1);
        assertThat(desk.summary(OPERATOR).awaitingReplay()).isZero();
        // On the topic: the original and one replay, with its headers and the dead letter it came from.
        List<ConsumerRecord<String, String>> onTopic = RealInfrastructure.readTopicToEnd(topic);
        assertThat(onTopic).hasSize(2);
        ConsumerRecord<String, String> replay = onTopic.get(1);
        assertThat(replay.key()).isEqualTo("ach-0042");
        assertThat(CloudEventHeaders.get(replay.headers(), CloudEventHeaders.ID)).isEqualTo("evt-0042");
        assertThat(CloudEventHeaders.get(replay.headers(), CloudEventHeaders.TYPE)).isEqualTo(AchievementPublished.CONTRACT.type());
        assertThat(CloudEventHeaders.get(replay.headers(), DeadLetterDesk.REPLAY_OF_HEADER)).isEqualTo(letter.id());
        assertThat(CloudEventHeaders.get(replay.headers(), "kafka_dlt-exception-message")).isNull();
        assertThat(awarded).containsExactly("evt-0042");
        assertThat(meters.counter(MetricNames.EVENTS_REPLAYED, "topic", topic, "group", GROUP).count())
                .isEqualTo(1.0);
    }

    @Test
    void aPoisonRecordWithoutAttributesIsListedAndReplayedAsItWas() {
        start(awards);
        template.send(new ProducerRecord<>(topic, "ach-0007", "{\"achievementId\":\"ach-0007\"}"));

        DeadLetter letter = awaitDeadLetters(1).getFirst();
        assertThat(letter.eventId()).isNull();
        assertThat(letter.reason()).contains("missing header ce_id");

        var replayed = desk.replay(OPERATOR, letter.id());

        // Still poison: it comes back as a new dead letter, and the first one stays replayed.
        assertThat(replayed.replayedNow()).isTrue();
        List<DeadLetter> letters = awaitDeadLetters(2);
        assertThat(letters).extracting(DeadLetter::key).containsOnly("ach-0007");
        assertThat(letters).filteredOn(DeadLetter::awaitingReplay).singleElement()
                .satisfies(l -> assertThat(l.id()).isNotEqualTo(letter.id()));
        assertThat(desk.summary(OPERATOR).total()).isEqualTo(2);
        assertThat(desk.summary(OPERATOR).awaitingReplay()).isEqualTo(1);
    }

    @Test
    void concurrentReplaysOfOneDeadLetterPublishItOnce() throws Exception {
        start(awards);
        send("ach-0100", "evt-0100", sample("ach-0100"));
        DeadLetter letter = awaitDeadLetters(1).getFirst();
        ledgerFixed.set(true);

        List<Future<Object>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit((Callable<Object>) () -> {
                    try {
                        return desk.replay(OPERATOR, letter.id());
                    } catch (ApiProblem problem) {
                        return problem;
                    }
                }));
            }
        }
        List<Object> outcomes = new ArrayList<>();
        for (Future<Object> answer : answers) {
            outcomes.add(answer.get());
        }

        assertThat(outcomes).filteredOn(o -> o instanceof DeadLetterDesk.ReplayOutcome r && r.replayedNow())
                .hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof ApiProblem).allSatisfy(o ->
                assertThat(((ApiProblem) o).status()).isEqualTo(HttpStatus.CONFLICT));
        await().atMost(Duration.ofSeconds(30)).until(() -> awarded.contains("evt-0100"));
        // The replay is recorded done only after Kafka acknowledged it, so the topic holds everything by now.
        assertThat(RealInfrastructure.readTopicToEnd(topic)).hasSize(2);
        assertThat(awarded).containsExactly("evt-0100");
    }

    @Test
    void onlyAnOperatorListsOrReplays() {
        assertThatThrownBy(() -> desk.list(PARTNER, 100)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> desk.summary(PARTNER)).isInstanceOfSatisfying(ApiProblem.class,
                problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThatThrownBy(() -> desk.replay(PARTNER, Topics.deadLetterOf(topic, GROUP) + ":0:0"))
                .isInstanceOfSatisfying(ApiProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.FORBIDDEN));
        assertThat(DeadLetterDesk.mayOperate(OPERATOR)).isTrue();
        assertThat(DeadLetterDesk.mayOperate(PARTNER)).isFalse();
    }

    @Test
    void aMalformedIdIsA400AndAnUnknownOneA404() {
        start(awards);
        await().atMost(Duration.ofSeconds(30)).until(() -> dispatchers.getFirst().allAssigned());

        assertThat(status(() -> desk.replay(OPERATOR, "not-a-dead-letter"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(() -> desk.replay(OPERATOR, "x.dlt:0:1\r\nX-Injected: 1"))).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(status(() -> desk.replay(OPERATOR, "other.topic.dlt:0:0"))).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(() -> desk.replay(OPERATOR, Topics.deadLetterOf(topic, GROUP) + ":0:99")))
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(status(() -> desk.list(OPERATOR, 0))).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private static HttpStatus status(Runnable call) {
        try {
            call.run();
            return HttpStatus.OK;
        } catch (ApiProblem problem) {
            return problem.status();
        }
    }

    private List<DeadLetter> awaitDeadLetters(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.list(OPERATOR, 100).total() >= count);
        return desk.list(OPERATOR, 100).deadLetters();
    }

    private void start(EventSubscription subscription) {
        dispatchers.add(RealInfrastructure.startDispatcher(subscription, template, meters, "test-" + topic));
    }

    private void send(String key, String id, String payload) {
        RealInfrastructure.sendEvent(template, topic, key, id, contract.type(), payload);
    }

    private static String sample(String id) {
        return """
                {"achievementId":"%s","title":"稀土硫化物着色剂","ownerInstitutionId":"btre",
                 "industryChain":"RARE_EARTHS","maturity":"PILOT","publishedAt":"2026-06-18T02:00:00Z"}"""
                .formatted(id);
    }
}
