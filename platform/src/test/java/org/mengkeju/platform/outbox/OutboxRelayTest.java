package org.mengkeju.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.RealInfrastructure.freshMongo;
import static org.mengkeju.platform.RealInfrastructure.kafkaBootstrap;
import static org.mengkeju.platform.RealInfrastructure.kafkaTemplate;
import static org.mengkeju.platform.RealInfrastructure.readTopic;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.metrics.MetricNames;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

class OutboxRelayTest {

    static final String COLLECTION = "achievements";

    MongoTemplate mongo;
    EventContract<AchievementPublished> contract;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    /** A minimal aggregate document: state and its pending events, written together. */
    record Listing(@Id String id, String status, List<PendingEvent> pendingEvents) {
    }

    @BeforeEach
    void setUp() {
        mongo = freshMongo();
        // A topic of its own per test, so each test reads only what it published.
        String topic = org.mengkeju.platform.RealInfrastructure.uniqueTopic("catalog");
        contract = new EventContract<>(AchievementPublished.CONTRACT.type(), topic, AchievementPublished.class);
    }

    @Test
    void publishesPendingEventsInOrderWithCloudEventHeadersKeyedByAggregateThenRemovesThem() {
        PendingEvent first = published("ach-1", "玉米皮菌体蛋白生物发酵饲料");
        PendingEvent second = published("ach-1", "玉米皮菌体蛋白生物发酵饲料（二期）");
        mongo.insert(new Listing("ach-1", "PUBLISHED", List.of(first, second)), COLLECTION);

        int relayed = relay(kafkaBootstrap()).relayOnce();

        assertThat(relayed).isEqualTo(2);
        List<ConsumerRecord<String, String>> records = readTopic(contract.topic(), 2, Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("ach-1", "ach-1");
        assertThat(records).extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactly(first.eventId(), second.eventId());
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("org.mengkeju.catalog.achievement.published.v1");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/mengkeju/catalog-service");
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo("ach-1");
        assertThat(Instant.parse(header(record, CloudEventHeaders.TIME))).isEqualTo(first.time());
        assertThat(header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(EventSchemas.violations(AchievementPublished.CONTRACT, record.value())).isEmpty();
        assertThat(pendingOf("ach-1")).isEmpty();
        assertThat(meters.counter(MetricNames.OUTBOX_PUBLISHED, "topic", contract.topic(), "type",
                contract.type()).count()).isEqualTo(2.0);
    }

    @Test
    void aCrashBetweenPublishAndRemovalPublishesAgainAndLosesNothing() {
        PendingEvent event = published("ach-2", "稀土硫化物着色剂");
        mongo.insert(new Listing("ach-2", "PUBLISHED", List.of(event)), COLLECTION);
        OutboxRelay crashing = relay(kafkaBootstrap());

        // The first relay gets the acknowledgement and dies before removing the event.
        List<String> acknowledged = crashing.publish(rawDocument("ach-2"));
        assertThat(acknowledged).containsExactly(event.eventId());
        assertThat(pendingOf("ach-2")).hasSize(1);

        int relayed = relay(kafkaBootstrap()).relayOnce();

        assertThat(relayed).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 2, Duration.ofSeconds(20)))
                .extracting(r -> header(r, CloudEventHeaders.ID))
                .containsExactly(event.eventId(), event.eventId());
        assertThat(pendingOf("ach-2")).isEmpty();
    }

    @Test
    void eventsStayInTheDocumentWhileKafkaIsUnreachableAndGoOutWhenItIsBack() {
        PendingEvent event = published("ach-3", "微变雷达");
        mongo.insert(new Listing("ach-3", "PUBLISHED", List.of(event)), COLLECTION);
        var unreachable = new OutboxRelay(mongo, kafkaTemplate("127.0.0.1:1", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600)),
                properties(Duration.ofSeconds(2)), "/mengkeju/catalog-service", meters);

        assertThat(unreachable.relayOnce()).isZero();
        assertThat(pendingOf("ach-3")).extracting(d -> d.getString("eventId")).containsExactly(event.eventId());
        assertThat(meters.counter(MetricNames.OUTBOX_FAILURES, "topic", contract.topic()).count()).isEqualTo(1.0);

        assertThat(relay(kafkaBootstrap()).relayOnce()).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(pendingOf("ach-3")).isEmpty();
    }

    @Test
    void removalKeepsAStateChangeAndAnEventRecordedWhilePublishing() {
        PendingEvent first = published("ach-4", "PBAT 可降解地膜");
        mongo.insert(new Listing("ach-4", "PUBLISHED", List.of(first)), COLLECTION);
        OutboxRelay relay = relay(kafkaBootstrap());
        List<String> acknowledged = relay.publish(rawDocument("ach-4"));

        // Meanwhile the service changes the aggregate and records another event in one update.
        PendingEvent later = published("ach-4", "PBAT 可降解地膜");
        mongo.updateFirst(Query.query(Criteria.where("_id").is("ach-4")),
                new Update().set("status", "TRANSACTED").push("pendingEvents", later), COLLECTION);
        relay.remove(COLLECTION, "ach-4", acknowledged);

        Document stored = rawDocument("ach-4");
        assertThat(stored.getString("status")).isEqualTo("TRANSACTED");
        assertThat(pendingOf("ach-4")).extracting(d -> d.getString("eventId")).containsExactly(later.eventId());
    }

    @Test
    void countsAggregatesWithPendingEventsForTheDashboard() {
        mongo.insert(new Listing("ach-5", "PUBLISHED", List.of(published("ach-5", "杜蒙羊"))), COLLECTION);
        mongo.insert(new Listing("ach-6", "DRAFT", new ArrayList<>()), COLLECTION);

        relay(kafkaBootstrap());

        assertThat(meters.get(MetricNames.OUTBOX_PENDING).tag("collection", COLLECTION).gauge().value())
                .isEqualTo(1.0);
    }

    private OutboxRelay relay(String bootstrap) {
        return new OutboxRelay(mongo, kafkaTemplate(bootstrap, Map.of()), properties(Duration.ofSeconds(10)),
                "/mengkeju/catalog-service", meters);
    }

    private static OutboxProperties properties(Duration ackTimeout) {
        return new OutboxProperties(List.of(COLLECTION), Duration.ofMillis(100), 100, ackTimeout);
    }

    private PendingEvent published(String achievementId, String title) {
        return PendingEvent.of(contract, achievementId, new AchievementPublished(achievementId, title, "imut",
                "NEW_MATERIALS", "PILOT", Instant.parse("2026-05-18T02:30:00Z")), Instant.parse("2026-05-18T02:30:00Z"));
    }

    private Document rawDocument(String id) {
        return mongo.findById(id, Document.class, COLLECTION);
    }

    private List<Document> pendingOf(String id) {
        return rawDocument(id).getList("pendingEvents", Document.class, List.of());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
