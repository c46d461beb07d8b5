package org.mengkeju.platform.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.RealInfrastructure.freshMongo;
import static org.mengkeju.platform.RealInfrastructure.kafkaBootstrap;
import static org.mengkeju.platform.RealInfrastructure.kafkaTemplate;
import static org.mengkeju.platform.RealInfrastructure.readTopic;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.metrics.MetricNames;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mongodb.core.MongoTemplate;

class OutboxRelayTest {

    static final String COLLECTION = "achievements";
    static final Instant MAY_18 = Instant.parse("2026-05-18T02:30:00Z");

    MongoTemplate mongo;
    EventContract<AchievementPublished> contract;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    OutboxSignal signal = new OutboxSignal();

    /** A minimal aggregate: state, a version, and the events its transitions record. */
    @org.springframework.data.mongodb.core.mapping.Document(COLLECTION)
    static class Listing extends OutboxAggregate {
        @Id
        String id;
        String status;
        /** Set by the tests of what a save writes. */
        String note;
        @Version
        Long version;

        Listing(String id, String status) {
            this.id = id;
            this.status = status;
        }

        void publish(EventContract<AchievementPublished> contract, String title, Instant now) {
            publishUnder(contract, id, title, now);
        }

        /** As {@link #publish}, with a Kafka key other than the document: the way points are keyed by account. */
        void publishUnder(EventContract<AchievementPublished> contract, String key, String title, Instant now) {
            status = "PUBLISHED";
            record(contract, key, new AchievementPublished(id, title, "imut", "NEW_MATERIALS", "PILOT", now), now);
        }
    }

    @BeforeEach
    void setUp() {
        mongo = freshMongo();
        mongo.setEntityCallbacks(EntityCallbacks.create(new OutboxRecording(signal)));
        // A topic of its own per test, so each test reads only what it published.
        String topic = RealInfrastructure.uniqueTopic("catalog");
        contract = new EventContract<>(AchievementPublished.CONTRACT.type(), topic, AchievementPublished.class);
    }

    @Test
    void publishesPendingEventsInOrderWithCloudEventHeadersKeyedByAggregateThenRemovesThem() {
        Listing listing = new Listing("ach-1", "DRAFT");
        listing.publish(contract, "玉米皮菌体蛋白生物发酵饲料", MAY_18);
        listing.publish(contract, "玉米皮菌体蛋白生物发酵饲料（二期）", MAY_18.plusSeconds(1));
        List<PendingEvent> recorded = listing.pendingEvents();
        mongo.insert(listing);
        assertThat(rawDocument("ach-1").getDate(OutboxRelay.PENDING_SINCE)).isEqualTo(java.util.Date.from(MAY_18));

        int relayed = relay(kafkaBootstrap()).relayOnce();

        assertThat(relayed).isEqualTo(2);
        List<ConsumerRecord<String, String>> records = readTopic(contract.topic(), 2, Duration.ofSeconds(20));
        assertThat(records).extracting(ConsumerRecord::key).containsExactly("ach-1", "ach-1");
        assertThat(records).extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))
                .containsExactly(recorded.get(0).eventId(), recorded.get(1).eventId());
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE)).isEqualTo("org.mengkeju.catalog.achievement.published.v1");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.SOURCE)).isEqualTo("/mengkeju/catalog-service");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.SUBJECT)).isEqualTo("ach-1");
        assertThat(Instant.parse(CloudEventHeaders.get(record.headers(), CloudEventHeaders.TIME))).isEqualTo(MAY_18);
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(CloudEventHeaders.get(record.headers(), CloudEventHeaders.DATA_SCHEMA))
                .isEqualTo(EventSchemas.dataSchema(AchievementPublished.CONTRACT));
        assertThat(EventSchemas.violations(AchievementPublished.CONTRACT, record.value())).isEmpty();
        assertThat(pendingOf("ach-1")).isEmpty();
        assertThat(rawDocument("ach-1")).doesNotContainKeys(OutboxRelay.PENDING_SINCE, OutboxRelay.LEASE);
        assertThat(meters.counter(MetricNames.OUTBOX_PUBLISHED, "topic", contract.topic(), "type",
                contract.type()).count()).isEqualTo(2.0);
    }

    @Test
    void theRequestThatCausedAnEventIsStampedWhenTheAggregateIsWritten() {
        Listing listing = new Listing("ach-rq", "DRAFT");
        listing.publish(contract, "杜蒙羊", MAY_18);
        org.slf4j.MDC.put(PendingEvent.REQUEST_ID_MDC, "req-imut-0042");
        try {
            mongo.insert(listing);
        } finally {
            org.slf4j.MDC.remove(PendingEvent.REQUEST_ID_MDC);
        }

        assertThat(pendingOf("ach-rq")).extracting(d -> d.getString("requestId")).containsExactly("req-imut-0042");
    }

    /** Another relay claimed every candidate between this one's find and its claim: the pass settles nothing. */
    @Test
    void aPassThatClaimedNothingSettlesNothingAndDoesNotFail() {
        assertThat(relay(kafkaBootstrap()).settle(mongo.getCollection(COLLECTION), List.of())).isZero();
    }

    @Test
    void aCrashBetweenPublishAndRemovalPublishesAgainAndLosesNothing() {
        String eventId = insertPublished("ach-2", "稀土硫化物着色剂");
        OutboxRelay crashing = relay(kafkaBootstrap());

        // The first relay gets the acknowledgement and dies before removing the event.
        var aggregate = new OutboxRelay.Aggregate(rawDocument("ach-2"));
        crashing.publish(List.of(aggregate)).join();
        assertThat(aggregate.acknowledged).containsExactly(eventId);
        assertThat(pendingOf("ach-2")).hasSize(1);

        int relayed = relay(kafkaBootstrap()).relayOnce();

        assertThat(relayed).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 2, Duration.ofSeconds(20)))
                .extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))
                .containsExactly(eventId, eventId);
        assertThat(pendingOf("ach-2")).isEmpty();
    }

    @Test
    void eventsStayInTheDocumentWhileKafkaIsUnreachableAndGoOutWhenItIsBack() {
        String eventId = insertPublished("ach-3", "微变雷达");
        var unreachable = new OutboxRelay(mongo, kafkaTemplate("127.0.0.1:1", Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 300,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600)),
                properties(Duration.ofSeconds(2), 3), "/mengkeju/catalog-service", meters, signal);

        assertThat(unreachable.relayOnce()).isZero();
        assertThat(pendingOf("ach-3")).extracting(d -> d.getString("eventId")).containsExactly(eventId);
        assertThat(meters.counter(MetricNames.OUTBOX_FAILURES, "topic", contract.topic()).count()).isEqualTo(1.0);
        // A broker outage is not the event's fault: it is never parked, and the lease is given back.
        assertThat(unreachable.relayOnce()).isZero();
        assertThat(unreachable.relayOnce()).isZero();
        assertThat(unreachable.relayOnce()).isZero();
        assertThat(rawDocument("ach-3")).doesNotContainKey(OutboxRelay.PARKED_EVENTS).doesNotContainKey(OutboxRelay.LEASE);

        assertThat(relay(kafkaBootstrap()).relayOnce()).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 1, Duration.ofSeconds(20))).hasSize(1);
        assertThat(pendingOf("ach-3")).isEmpty();
    }

    @Test
    void aPoisonEventIsParkedAfterItsAttemptsAndCountedAndTheEventsAfterItKeepTheirOrder() {
        // Too large for the broker's limit: it can never be published, however often it is tried.
        String tooLong = "蒙".repeat(200);
        Listing listing = new Listing("ach-p", "DRAFT");
        listing.publish(contract, tooLong, MAY_18);
        listing.publish(contract, "第二", MAY_18.plusSeconds(1));
        listing.publish(contract, "第三", MAY_18.plusSeconds(2));
        List<PendingEvent> recorded = listing.pendingEvents();
        mongo.insert(listing);
        // Another aggregate's event with the same key may not overtake it either.
        PendingEvent sameKey = PendingEvent.of(contract, "ach-p", new AchievementPublished("ach-p", "第四", "imut",
                "NEW_MATERIALS", "PILOT", MAY_18), MAY_18.plusSeconds(3));
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", "ach-p-copy")
                .append(OutboxRelay.PENDING_EVENTS, List.of(mongo.getConverter().convertToMongoType(sameKey)))
                .append(OutboxRelay.PENDING_SINCE, java.util.Date.from(MAY_18.plusSeconds(3))));
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(),
                Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 800)),
                properties(Duration.ofSeconds(10), 3), "/mengkeju/catalog-service", meters, signal);

        assertThat(relay.relayOnce()).isZero();
        assertThat(relay.relayOnce()).isZero();
        assertThat(pendingOf("ach-p")).hasSize(3);
        assertThat(pendingOf("ach-p-copy")).hasSize(1);
        assertThat(meters.find(MetricNames.OUTBOX_PUBLISHED).counter()).isNull();

        assertThat(relay.relayOnce()).isEqualTo(3);
        assertThat(pendingOf("ach-p-copy")).isEmpty();

        assertThat(readTopic(contract.topic(), 3, Duration.ofSeconds(20)))
                .extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))
                .containsExactly(recorded.get(1).eventId(), recorded.get(2).eventId(),
                        sameKey.eventId());
        Document parked = rawDocument("ach-p").getList(OutboxRelay.PARKED_EVENTS, Document.class).getFirst();
        assertThat(parked.get("event", Document.class).getString("eventId")).isEqualTo(recorded.getFirst().eventId());
        assertThat(parked.getString("reason")).contains("RecordTooLargeException");
        assertThat(parked.getInteger("attempts")).isEqualTo(3);
        assertThat(pendingOf("ach-p")).isEmpty();
        assertThat(meters.counter(MetricNames.OUTBOX_PARKED, "topic", contract.topic(), "type", contract.type())
                .count()).isEqualTo(1.0);
        assertThat(new OutboxEndpoint(mongo, properties(Duration.ofSeconds(10), 3)).parked().get(COLLECTION))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("eventId", recorded.getFirst().eventId())
                        .containsEntry("aggregateId", "ach-p"));
    }

    @Test
    void anEventThatNoLongerFitsItsSchemaIsParkedNotSent() {
        Document invalid = (Document) mongo.getConverter().convertToMongoType(PendingEvent.of(contract, "ach-s",
                new AchievementPublished("ach-s", "草种", "imau", "GRASS", "PILOT", MAY_18), MAY_18));
        // Recorded under an earlier schema (a deployment in between), against which this payload was valid.
        assertThat(invalid.getString(OutboxRelay.CHECKED_SCHEMA)).isEqualTo(EventSchemas.fingerprint(contract));
        invalid.put(OutboxRelay.CHECKED_SCHEMA, "0123456789abcdef0123456789abcdef");
        invalid.put("payload", "{\"achievementId\":\"ach-s\"}");
        mongo.getCollection(COLLECTION).insertOne(new Document("_id", "ach-s")
                .append(OutboxRelay.PENDING_EVENTS, List.of(invalid))
                .append(OutboxRelay.PENDING_SINCE, java.util.Date.from(MAY_18)));
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(), Map.of()),
                properties(Duration.ofSeconds(10), 2), "/mengkeju/catalog-service", meters, signal);

        relay.relayOnce();
        assertThat(pendingOf("ach-s")).hasSize(1);
        relay.relayOnce();

        assertThat(pendingOf("ach-s")).isEmpty();
        assertThat(rawDocument("ach-s").getList(OutboxRelay.PARKED_EVENTS, Document.class)).singleElement()
                .satisfies(p -> assertThat(p.getString("reason")).contains("violates its schema"));
        assertThat(rawDocument("ach-s")).doesNotContainKey(OutboxRelay.PENDING_SINCE);
        assertThat(meters.counter(MetricNames.OUTBOX_PARKED, "topic", contract.topic(), "type", contract.type())
                .count()).isEqualTo(1.0);
    }

    @Test
    void anEventCheckedWhenRecordedAgainstTheSchemaInForceIsNotCheckedAgainButOneRecordedWithoutTheMarkIs() {
        // The same payload, off today's schema, twice: once marked as checked against today's schema when recorded
        // (the relay trusts that check, so what it sends shows it did not check again), once recorded before the
        // mark existed (checked again, and parked).
        Document trusted = (Document) mongo.getConverter().convertToMongoType(PendingEvent.of(contract, "ach-t",
                new AchievementPublished("ach-t", "草种", "imau", "GRASS", "PILOT", MAY_18), MAY_18));
        trusted.put("payload", "{\"achievementId\":\"ach-t\"}");
        Document unmarked = (Document) mongo.getConverter().convertToMongoType(PendingEvent.of(contract, "ach-u",
                new AchievementPublished("ach-u", "草种", "imau", "GRASS", "PILOT", MAY_18), MAY_18));
        unmarked.remove(OutboxRelay.CHECKED_SCHEMA);
        unmarked.put("payload", "{\"achievementId\":\"ach-u\"}");
        for (Document event : List.of(trusted, unmarked)) {
            mongo.getCollection(COLLECTION).insertOne(new Document("_id", event.getString("key"))
                    .append(OutboxRelay.PENDING_EVENTS, List.of(event))
                    .append(OutboxRelay.PENDING_SINCE, java.util.Date.from(MAY_18)));
        }
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(), Map.of()),
                properties(Duration.ofSeconds(10), 1), "/mengkeju/catalog-service", meters, signal);

        relay.relayOnce();

        assertThat(pendingOf("ach-t")).isEmpty();
        assertThat(rawDocument("ach-t")).doesNotContainKey(OutboxRelay.PARKED_EVENTS);
        assertThat(pendingOf("ach-u")).isEmpty();
        assertThat(rawDocument("ach-u").getList(OutboxRelay.PARKED_EVENTS, Document.class)).singleElement()
                .satisfies(p -> assertThat(p.getString("reason")).contains("violates its schema"));
        assertThat(RealInfrastructure.readTopicToEnd(contract.topic()))
                .extracting(ConsumerRecord::key).containsExactly("ach-t");
    }

    @Test
    void twoRelaysOnOneCollectionPublishEachEventOnce() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add(insertPublished("ach-r" + i, "成果 " + i));
        }
        OutboxRelay first = relay(kafkaBootstrap());
        OutboxRelay second = relay(kafkaBootstrap());

        var a = CompletableFuture.runAsync(() -> drain(first));
        var b = CompletableFuture.runAsync(() -> drain(second));
        a.get();
        b.get();

        // One more record than expected would arrive within the deadline if any event went out twice.
        List<ConsumerRecord<String, String>> records = readTopic(contract.topic(), 61, Duration.ofSeconds(8));
        assertThat(records).extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID)).containsExactlyInAnyOrderElementsOf(ids);
    }

    private void drain(OutboxRelay relay) {
        for (int i = 0; i < 20 && mongo.getCollection(COLLECTION)
                .countDocuments(OutboxRelay.pendingFilter()) > 0; i++) {
            relay.relayOnce();
        }
    }

    @Test
    void theRelayReadsOnlyDocumentsWithPendingEventsThroughItsSparseIndex() {
        for (int i = 0; i < 50; i++) {
            mongo.insert(new Listing("ach-settled-" + i, "DRAFT"));
        }
        String eventId = insertPublished("ach-pending", "PBAT 可降解地膜");
        var watched = RealInfrastructure.watchedMongo(mongo.getDb().getName());

        OutboxRelay relay = new OutboxRelay(watched.template(), kafkaTemplate(kafkaBootstrap(), Map.of()),
                properties(Duration.ofSeconds(10), 3), "/mengkeju/catalog-service", meters, signal);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(relay.relayOnce()).isZero();

        Document index = mongo.getCollection(COLLECTION).listIndexes().into(new ArrayList<>()).stream()
                .filter(i -> OutboxRelay.PENDING_INDEX.equals(i.getString("name"))).findFirst().orElseThrow();
        assertThat(index.get("key", Document.class)).isEqualTo(new Document(OutboxRelay.PENDING_SINCE, 1));
        assertThat(index.getBoolean("sparse")).isTrue();
        List<Document> reads = watched.commands(COLLECTION, "find", "count", "aggregate");
        assertThat(reads).isNotEmpty().allSatisfy(command -> {
            Document filter = command.get(command.containsKey("filter") ? "filter" : "query", Document.class);
            if (filter.toJson().contains("\"_id\"")) {
                return; // the claimed documents, by id
            }
            assertThat(filter.toJson()).contains(OutboxRelay.PENDING_SINCE);
            assertThat(command.get("hint")).isEqualTo(OutboxRelay.PENDING_INDEX_KEYS);
        });
        assertThat(watched.returnedIds(COLLECTION)).containsOnly("ach-pending");
        assertThat(eventId).isNotBlank();
        assertThat(meters.get(MetricNames.OUTBOX_PENDING).tag("collection", COLLECTION).gauge().value()).isZero();
    }

    @Test
    void aSaveDuringPublishAppendsItsEventAndNeverBringsBackThePublishedOne() {
        String first = insertPublished("ach-4", "PBAT 可降解地膜");
        Listing loaded = mongo.findById("ach-4", Listing.class);
        assertThat(loaded.pendingEvents()).hasSize(1);

        // The relay publishes and pulls the first event while the service holds the aggregate it read before.
        assertThat(relay(kafkaBootstrap()).relayOnce()).isEqualTo(1);
        loaded.publish(contract, "PBAT 可降解地膜（二期）", MAY_18.plusSeconds(60));
        loaded.status = "TRANSACTED";
        new OutboxAggregates(mongo, signal).save(loaded);

        Document stored = rawDocument("ach-4");
        assertThat(stored.getString("status")).isEqualTo("TRANSACTED");
        assertThat(stored.getLong("version")).isEqualTo(1L);
        assertThat(pendingOf("ach-4")).extracting(d -> d.getString("eventId")).doesNotContain(first).hasSize(1);
        assertThat(stored.getDate(OutboxRelay.PENDING_SINCE)).isEqualTo(java.util.Date.from(MAY_18.plusSeconds(60)));
        // A whole-document replace of a stored aggregate would do exactly that, so it is refused.
        Listing again = mongo.findById("ach-4", Listing.class);
        assertThatThrownBy(() -> mongo.save(again)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("OutboxAggregates.save");
    }

    @Test
    void aSaveBetweenThePassReadingItsEventsAndSettlingThemStaysPendingForTheNextPass() {
        String first = insertPublished("ach-6", "PBAT 可降解地膜");
        OutboxRelay relay = relay(kafkaBootstrap());
        var aggregate = new OutboxRelay.Aggregate(rawDocument("ach-6"));
        relay.publish(List.of(aggregate)).join();
        assertThat(aggregate.acknowledged).containsExactly(first);

        // While the pass waited for Kafka, the service appended an event: the settle must not drop it.
        Listing loaded = mongo.findById("ach-6", Listing.class);
        loaded.publish(contract, "PBAT 可降解地膜（二期）", MAY_18.plusSeconds(60));
        new OutboxAggregates(mongo, signal).save(loaded);
        assertThat(relay.settle(mongo.getCollection(COLLECTION), List.of(aggregate))).isEqualTo(1);

        assertThat(pendingOf("ach-6")).extracting(d -> d.getString("eventId")).doesNotContain(first).hasSize(1);
        assertThat(rawDocument("ach-6")).containsKey(OutboxRelay.PENDING_SINCE).doesNotContainKey(OutboxRelay.LEASE);
        assertThat(relay.relayOnce()).isEqualTo(1);
        assertThat(pendingOf("ach-6")).isEmpty();
        assertThat(rawDocument("ach-6")).doesNotContainKeys(OutboxRelay.PENDING_SINCE, OutboxRelay.LEASE);
        assertThat(readTopic(contract.topic(), 2, Duration.ofSeconds(20))).hasSize(2);
    }

    @Test
    void aStaleSaveIsRefusedByTheVersionCheck() {
        insertPublished("ach-v", "杜蒙羊");
        Listing one = mongo.findById("ach-v", Listing.class);
        Listing two = mongo.findById("ach-v", Listing.class);
        var aggregates = new OutboxAggregates(mongo, signal);
        one.status = "TRANSACTED";
        aggregates.save(one);

        two.status = "WITHDRAWN";
        assertThatThrownBy(() -> aggregates.save(two))
                .isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);
        assertThat(rawDocument("ach-v").getString("status")).isEqualTo("TRANSACTED");
    }

    @Test
    void aSaveWritesTheFieldsTheAggregateChangedAndLeavesTheOthersAsStored() {
        Listing listing = new Listing("ach-d", "DRAFT");
        listing.note = "as read";
        mongo.insert(listing);
        Listing loaded = mongo.findById("ach-d", Listing.class);
        // Rewritten in the store without the version, which only a save that writes every field would undo.
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", "ach-d"),
                new Document("$set", new Document("note", "changed in the store")));
        var aggregates = new OutboxAggregates(mongo, signal);

        loaded.status = "PUBLISHED";
        aggregates.save(loaded);
        assertThat(rawDocument("ach-d").getString("status")).isEqualTo("PUBLISHED");
        assertThat(rawDocument("ach-d").getString("note")).as("not written: unchanged since read")
                .isEqualTo("changed in the store");

        loaded.note = null;
        loaded.status = "TRANSACTED";
        aggregates.save(loaded);
        assertThat(rawDocument("ach-d")).doesNotContainKey("note");
        assertThat(rawDocument("ach-d").getString("status")).isEqualTo("TRANSACTED");
        assertThat(rawDocument("ach-d").get("version", Number.class).longValue()).isEqualTo(2);
    }

    @Test
    void aLocalWriteWakesTheRelayLongBeforeItsNextPoll() {
        // The first pass runs at start; after it the relay sleeps for the 30 s poll unless woken.
        OutboxRelay relay = runningRelay(100);
        try {
            insertPublished("ach-w", "风光氢储");

            await().atMost(Duration.ofSeconds(8)).until(() -> pendingOf("ach-w").isEmpty());
            assertThat(readTopic(contract.topic(), 1, Duration.ofSeconds(10))).hasSize(1);
        } finally {
            relay.stop();
        }
    }

    @Test
    void aRunningRelayPublishesABurstWithSavesDuringItsSettlesEachEventOnceWithoutWaitingForItsPoll() {
        OutboxRelay relay = runningRelay(50);
        try {
            List<String> eventIds = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                eventIds.add(insertPublished("ach-b" + i, "成果 " + i));
            }
            // While the relay works through the burst (settling one pass as it sends the next), the service appends
            // a second event to some of the listings: whatever pass or settle they meet, they go out too.
            for (int i = 0; i < 200; i += 10) {
                Listing loaded = mongo.findById("ach-b" + i, Listing.class);
                loaded.publish(contract, "成果 " + i + "（二期）", MAY_18.plusSeconds(60));
                eventIds.add(loaded.pendingEvents().getLast().eventId());
                new OutboxAggregates(mongo, signal).save(loaded);
            }

            // Well within the 30 s poll: only the wake-ups and the passes after each settle move the events.
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection(COLLECTION)
                    .countDocuments(OutboxRelay.pendingFilter()) == 0);
            assertThat(mongo.getCollection(COLLECTION).countDocuments(new Document(OutboxRelay.LEASE,
                    new Document("$exists", true)))).isZero();
            // One more record than expected would arrive within the deadline if any event went out twice.
            assertThat(readTopic(contract.topic(), eventIds.size() + 1, Duration.ofSeconds(8)))
                    .extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID)).containsExactlyInAnyOrderElementsOf(eventIds);
        } finally {
            relay.stop();
        }
    }

    @Test
    void aRunningRelayKeepsTheOrderOfAKeySharedByManyDocumentsWhileItsPassesOverlap() {
        // Small batches, so that a burst runs as many passes, several of them sending at once.
        OutboxRelay relay = runningRelay(10);
        try {
            // Three keys shared by 300 documents, two events each: a key's next event must wait for its previous
            // one's acknowledgement even when a later pass, not the same one, holds it.
            Map<String, List<String>> recorded = new LinkedHashMap<>();
            for (int i = 0; i < 300; i++) {
                String key = "acct-" + (i % 3);
                Listing listing = new Listing("ach-k" + i, "DRAFT");
                listing.publishUnder(contract, key, "成果 " + i, MAY_18.plusSeconds(i));
                listing.publishUnder(contract, key, "成果 " + i + "（二期）", MAY_18.plusSeconds(i));
                listing.pendingEvents().forEach(e -> recorded.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(e.eventId()));
                mongo.insert(listing);
            }

            await().atMost(Duration.ofSeconds(30)).until(() -> mongo.getCollection(COLLECTION)
                    .countDocuments(OutboxRelay.pendingFilter()) == 0);
            Map<String, List<String>> published = new LinkedHashMap<>();
            readTopic(contract.topic(), 601, Duration.ofSeconds(8)).forEach(r -> published
                    .computeIfAbsent(r.key(), k -> new ArrayList<>())
                    .add(CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID)));
            assertThat(published).containsOnlyKeys(recorded.keySet());
            recorded.forEach((key, eventIds) -> assertThat(published.get(key)).as(key).containsExactlyElementsOf(eventIds));
        } finally {
            relay.stop();
        }
    }

    @Test
    void aWriteOfNewEventsIsLeasedToTheRelayRunningHereUnlessAnotherRelayHoldsTheDocument() {
        signal.attach("relay-here", Duration.ofSeconds(60), List.of(COLLECTION));
        var aggregates = new OutboxAggregates(mongo, signal);
        try {
            Instant before = Instant.now();
            insertPublished("ach-l1", "风光氢储");
            Document lease = rawDocument("ach-l1").get(OutboxRelay.LEASE, Document.class);
            assertThat(lease.getString("owner")).isEqualTo("relay-here");
            assertThat(lease.getDate("until").toInstant()).isAfterOrEqualTo(before.plusSeconds(60));

            // Another relay is publishing the earlier event of ach-l2: a save appends its event, the lease stays.
            insertPublished("ach-l2", "PBAT 可降解地膜");
            mongo.getCollection(COLLECTION).updateOne(new Document("_id", "ach-l2"), new Document("$set",
                    new Document(OutboxRelay.LEASE, OutboxRelay.lease("relay-there",
                            java.util.Date.from(Instant.now().plusSeconds(30))))));
            Listing loaded = mongo.findById("ach-l2", Listing.class);
            loaded.publish(contract, "PBAT 可降解地膜（二期）", MAY_18.plusSeconds(60));
            aggregates.save(loaded);
            Document stored = rawDocument("ach-l2");
            assertThat(stored.get(OutboxRelay.LEASE, Document.class).getString("owner")).isEqualTo("relay-there");
            assertThat(stored.getLong("version")).isEqualTo(1L);
            assertThat(pendingOf("ach-l2")).hasSize(2);

            // That relay died and its lease ran out: the next save takes the document for the relay here.
            mongo.getCollection(COLLECTION).updateOne(new Document("_id", "ach-l2"), new Document("$set",
                    new Document(OutboxRelay.LEASE + ".until", java.util.Date.from(Instant.now().minusSeconds(1)))));
            loaded.publish(contract, "PBAT 可降解地膜（三期）", MAY_18.plusSeconds(120));
            aggregates.save(loaded);
            assertThat(rawDocument("ach-l2").get(OutboxRelay.LEASE, Document.class).getString("owner"))
                    .isEqualTo("relay-here");
            assertThat(pendingOf("ach-l2")).hasSize(3);

            // The lease does not weaken the version check.
            Listing stale = mongo.findById("ach-l2", Listing.class);
            aggregates.save(mongo.findById("ach-l2", Listing.class));
            stale.publish(contract, "过期", MAY_18.plusSeconds(180));
            assertThatThrownBy(() -> aggregates.save(stale))
                    .isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);
            assertThat(pendingOf("ach-l2")).hasSize(3);
        } finally {
            signal.detach("relay-here");
        }
        // No relay runs here any more: a write leaves its document to whichever relay runs next.
        insertPublished("ach-l3", "杜蒙羊");
        assertThat(rawDocument("ach-l3")).doesNotContainKey(OutboxRelay.LEASE);
    }

    @Test
    void aRunningRelayPublishesWhatWasWrittenLeasedToItWithoutClaimingItAgain() {
        var watched = RealInfrastructure.watchedMongo(mongo.getDb().getName());
        OutboxRelay relay = new OutboxRelay(watched.template(), kafkaTemplate(kafkaBootstrap(), Map.of()),
                new OutboxProperties(List.of(COLLECTION), Duration.ofSeconds(30), 50, Duration.ofSeconds(10),
                        Duration.ofSeconds(60), 3), "/mengkeju/catalog-service", meters, signal);
        relay.start();
        List<String> eventIds = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection(COLLECTION).listIndexes()
                    .into(new ArrayList<>()).size() > 1);
            for (int i = 0; i < 40; i++) {
                eventIds.add(insertPublished("ach-c" + i, "成果 " + i));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection(COLLECTION)
                    .countDocuments(OutboxRelay.pendingFilter()) == 0);
        } finally {
            relay.stop();
        }
        assertThat(readTopic(contract.topic(), eventIds.size() + 1, Duration.ofSeconds(8)))
                .extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID))
                .containsExactlyInAnyOrderElementsOf(eventIds);
        // The relay's only writes were its settles: none of them set a lease.
        List<Document> updates = watched.commands(COLLECTION, "update");
        assertThat(updates).isNotEmpty().allSatisfy(command -> assertThat(command.getList("updates", Document.class))
                .allSatisfy(u -> assertThat(u.get("u", Document.class).get("$set", new Document()))
                        .doesNotContainKey(OutboxRelay.LEASE)));
        assertThat(mongo.getCollection(COLLECTION).countDocuments(new Document(OutboxRelay.LEASE,
                new Document("$exists", true)))).isZero();
    }

    @Test
    void aRelayThatStopsGivesBackTheLeasesOfWhatItHasNotPublished() {
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(), Map.of()),
                new OutboxProperties(List.of(COLLECTION), Duration.ofSeconds(30), 50, Duration.ofSeconds(10),
                        Duration.ofSeconds(60), 3), "/mengkeju/catalog-service", meters, signal);
        relay.start();
        Listing listing = new Listing("ach-r", "DRAFT");
        listing.publish(contract, "微变雷达", MAY_18);
        String eventId = listing.pendingEvents().getFirst().eventId();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection(COLLECTION).listIndexes()
                    .into(new ArrayList<>()).size() > 1);
            // Written leased to the relay while it sleeps until its 30 s poll (nothing wakes it): it stops first.
            Document written = new Document();
            mongo.getConverter().write(listing, written);
            written.put(OutboxRelay.PENDING_EVENTS, List.of(mongo.getConverter().convertToMongoType(
                    listing.pendingEvents().getFirst())));
            written.put(OutboxRelay.PENDING_SINCE, java.util.Date.from(MAY_18));
            written.put(OutboxRelay.LEASE, OutboxRelay.lease(relay.relayId(),
                    java.util.Date.from(Instant.now().plusSeconds(60))));
            mongo.getCollection(COLLECTION).insertOne(written);
        } finally {
            relay.stop();
        }

        assertThat(rawDocument("ach-r")).doesNotContainKey(OutboxRelay.LEASE);
        assertThat(pendingOf("ach-r")).extracting(d -> d.getString("eventId")).containsExactly(eventId);
        // So the next relay publishes it at once, not after the lease.
        assertThat(relay(kafkaBootstrap()).relayOnce()).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 1, Duration.ofSeconds(20))).hasSize(1);
    }

    @Test
    void aRelayWhoseHeartbeatStoppedLosesItsLeasesAtOnceWhileOneThatBeatsOrNeverBeatKeepsThem() {
        // Three documents leased for another minute: to a relay that died (its heartbeat ran out), to one still
        // beating, and to one of a build without heartbeats.
        java.util.Date inAMinute = java.util.Date.from(Instant.now().plusSeconds(60));
        mongo.getCollection(OutboxRelay.RELAYS).insertMany(List.of(
                new Document("_id", "relay-dead").append("aliveUntil", java.util.Date.from(Instant.now()
                        .minusSeconds(1))),
                new Document("_id", "relay-alive").append("aliveUntil", inAMinute)));
        String ofTheDead = insertLeased("ach-hd", "relay-dead", inAMinute);
        insertLeased("ach-ha", "relay-alive", inAMinute);
        insertLeased("ach-ho", "relay-old", inAMinute);

        assertThat(relay(kafkaBootstrap()).relayOnce()).isEqualTo(1);
        assertThat(readTopic(contract.topic(), 2, Duration.ofSeconds(3)))
                .extracting(r -> CloudEventHeaders.get(r.headers(), CloudEventHeaders.ID)).containsExactly(ofTheDead);
        assertThat(pendingOf("ach-hd")).isEmpty();
        assertThat(pendingOf("ach-ha")).hasSize(1);
        assertThat(pendingOf("ach-ho")).hasSize(1);

        // A write of new events here takes a dead relay's lease too, and leaves a living one's.
        insertLeased("ach-hd2", "relay-dead", inAMinute);
        signal.attach("relay-here", Duration.ofSeconds(60), List.of(COLLECTION));
        try {
            var aggregates = new OutboxAggregates(mongo, signal);
            for (String id : List.of("ach-hd2", "ach-ha")) {
                Listing loaded = mongo.findById(id, Listing.class);
                loaded.publish(contract, "二期", MAY_18.plusSeconds(60));
                aggregates.save(loaded);
            }
        } finally {
            signal.detach("relay-here");
        }
        assertThat(rawDocument("ach-hd2").get(OutboxRelay.LEASE, Document.class).getString("owner"))
                .isEqualTo("relay-here");
        assertThat(rawDocument("ach-ha").get(OutboxRelay.LEASE, Document.class).getString("owner"))
                .isEqualTo("relay-alive");
    }

    @Test
    void aRunningRelayKeepsItsHeartbeatForAThirdOfTheLeaseAndRemovesItWhenItStops() {
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(), Map.of()),
                new OutboxProperties(List.of(COLLECTION), Duration.ofSeconds(30), 50, Duration.ofSeconds(10),
                        Duration.ofSeconds(60), 3), "/mengkeju/catalog-service", meters, signal);
        Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS); // a stored date's precision
        relay.start();
        try {
            Document beat = mongo.getCollection(OutboxRelay.RELAYS).find(new Document("_id", relay.relayId()))
                    .first();
            assertThat(beat).isNotNull();
            assertThat(beat.getDate("aliveUntil").toInstant()).isBetween(before.plusSeconds(20),
                    Instant.now().plusSeconds(20));
            // Renewed every fifth of its time to live (4 s here).
            await().atMost(Duration.ofSeconds(10)).until(() -> mongo.getCollection(OutboxRelay.RELAYS)
                    .find(new Document("_id", relay.relayId())).first().getDate("aliveUntil")
                    .after(beat.getDate("aliveUntil")));
        } finally {
            relay.stop();
        }
        assertThat(mongo.getCollection(OutboxRelay.RELAYS).countDocuments(new Document("_id", relay.relayId())))
                .isZero();
    }

    @Test
    void anIdleRelayPollsLessOftenUpToACapAndAfterWorkAtItsIntervalAgain() {
        OutboxRelay relay = relay(kafkaBootstrap());

        assertThat(relay.idleWait(0)).isEqualTo(Duration.ofMillis(100));
        assertThat(relay.idleWait(1)).isEqualTo(Duration.ofMillis(100));
        assertThat(relay.idleWait(2)).isEqualTo(Duration.ofMillis(200));
        assertThat(relay.idleWait(5)).isEqualTo(Duration.ofMillis(1600));
        assertThat(relay.idleWait(16)).isEqualTo(OutboxRelay.MAX_IDLE_WAIT);
    }

    private String insertPublished(String id, String title) {
        Listing listing = new Listing(id, "DRAFT");
        listing.publish(contract, title, MAY_18);
        String eventId = listing.pendingEvents().getFirst().eventId();
        mongo.insert(listing);
        return eventId;
    }

    /** A published listing whose document {@code owner} holds until {@code until}. */
    private String insertLeased(String id, String owner, java.util.Date until) {
        String eventId = insertPublished(id, "成果 " + id);
        mongo.getCollection(COLLECTION).updateOne(new Document("_id", id), new Document("$set",
                new Document(OutboxRelay.LEASE, OutboxRelay.lease(owner, until))));
        return eventId;
    }

    /**
     * A started relay whose poll (30 s) is far longer than any test waits, once its start has created the pending
     * index: only local wake-ups and its own passes move events.
     */
    private OutboxRelay runningRelay(int batchSize) {
        OutboxRelay relay = new OutboxRelay(mongo, kafkaTemplate(kafkaBootstrap(), Map.of()),
                new OutboxProperties(List.of(COLLECTION), Duration.ofSeconds(30), batchSize, Duration.ofSeconds(10),
                        Duration.ofSeconds(60), 3), "/mengkeju/catalog-service", meters, signal);
        relay.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> mongo.getCollection(COLLECTION).listIndexes()
                    .into(new ArrayList<>()).size() > 1);
        } catch (RuntimeException notStarted) {
            relay.stop();
            throw notStarted;
        }
        return relay;
    }

    private OutboxRelay relay(String bootstrap) {
        return new OutboxRelay(mongo, kafkaTemplate(bootstrap, Map.of()), properties(Duration.ofSeconds(10), 3),
                "/mengkeju/catalog-service", meters, signal);
    }

    private static OutboxProperties properties(Duration ackTimeout, int maxAttempts) {
        return new OutboxProperties(List.of(COLLECTION), Duration.ofMillis(100), 100, ackTimeout,
                Duration.ofSeconds(60), maxAttempts);
    }

    private Document rawDocument(String id) {
        return mongo.getCollection(COLLECTION).find(new Document("_id", id)).first();
    }

    private List<Document> pendingOf(String id) {
        return rawDocument(id).getList(OutboxRelay.PENDING_EVENTS, Document.class, List.of());
    }
}
