package org.mengkeju.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bson.Document;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events that aggregates recorded in their own documents. For each aggregate it sends the
 * pending events in order (key = aggregate id, CloudEvents headers), waits for Kafka's acknowledgement, and only
 * then pulls the acknowledged events out of the document. A crash after the send and before the pull publishes
 * them again on the next pass: delivery is at-least-once and consumers de-duplicate on the event id.
 */
public class OutboxRelay implements SmartLifecycle {

    static final String PENDING_EVENTS = "pendingEvents";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final String source;
    private final MeterRegistry meters;
    private ScheduledExecutorService scheduler;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
            String source, MeterRegistry meters) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.source = source;
        this.meters = meters;
        for (String collection : properties.collections()) {
            Gauge.builder(MetricNames.OUTBOX_PENDING, () -> pendingAggregates(collection))
                    .tag("collection", collection)
                    .description("aggregates holding events not yet acknowledged by Kafka")
                    .register(meters);
        }
    }

    /** One pass over every outbox collection; returns how many events were published and removed. */
    public int relayOnce() {
        int published = 0;
        for (String collection : properties.collections()) {
            Query query = Query.query(pendingCriteria()).limit(properties.batchSize());
            for (Document aggregate : mongo.find(query, Document.class, collection)) {
                List<String> acknowledged = publish(aggregate);
                if (!acknowledged.isEmpty()) {
                    remove(collection, aggregate.get("_id"), acknowledged);
                    published += acknowledged.size();
                }
            }
        }
        return published;
    }

    /**
     * Sends an aggregate's pending events and waits for their acknowledgements; returns the ids of the leading
     * events that Kafka acknowledged. After a failure the rest stay pending, so order per aggregate is kept.
     */
    List<String> publish(Document aggregate) {
        List<Document> events = aggregate.getList(PENDING_EVENTS, Document.class, List.of());
        List<CompletableFuture<?>> sends = new ArrayList<>(events.size());
        for (Document event : events) {
            sends.add(send(event));
        }
        List<String> acknowledged = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Document event = events.get(i);
            String topic = event.getString("topic");
            try {
                sends.get(i).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                Counter.builder(MetricNames.OUTBOX_FAILURES).tag("topic", topic).register(meters).increment();
                log.warn("event {} of aggregate {} not acknowledged by Kafka, will retry: {}",
                        event.getString("eventId"), aggregate.get("_id"), rootMessage(e));
                break;
            }
            acknowledged.add(event.getString("eventId"));
            Counter.builder(MetricNames.OUTBOX_PUBLISHED).tag("topic", topic).tag("type", event.getString("type"))
                    .register(meters).increment();
            Timer.builder(MetricNames.OUTBOX_LAG).tag("topic", topic).register(meters)
                    .record(Duration.between(time(event).toInstant(), Instant.now()));
        }
        return acknowledged;
    }

    private CompletableFuture<?> send(Document event) {
        try {
            return kafka.send(toRecord(event));
        } catch (RuntimeException e) {
            // The producer refuses at once when it cannot even fetch metadata; treat it like a failed send.
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Pulls acknowledged events out of the aggregate in one atomic update; other fields are untouched. */
    void remove(String collection, Object aggregateId, List<String> eventIds) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(aggregateId)),
                new Update().pull(PENDING_EVENTS, new Document("eventId", new Document("$in", eventIds))),
                collection);
    }

    long pendingAggregates(String collection) {
        return mongo.count(Query.query(pendingCriteria()), collection);
    }

    private static Criteria pendingCriteria() {
        return Criteria.where(PENDING_EVENTS + ".eventId").exists(true);
    }

    private ProducerRecord<String, String> toRecord(Document event) {
        var record = new ProducerRecord<String, String>(event.getString("topic"), event.getString("key"),
                event.getString("payload"));
        CloudEventHeaders.write(record.headers(), event.getString("eventId"), event.getString("type"), source,
                time(event).toInstant(), event.getString("subject"), event.getString("requestId"));
        return record;
    }

    private static Date time(Document event) {
        return event.getDate("time");
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    @Override
    public synchronized void start() {
        if (scheduler != null || properties.collections().isEmpty()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::relaySafely, interval, interval, TimeUnit.MILLISECONDS);
        log.info("outbox relay started for {} every {} ms", properties.collections(), interval);
    }

    private void relaySafely() {
        try {
            relayOnce();
        } catch (RuntimeException e) {
            // The store or broker is away; the events stay in their documents and the next pass retries.
            log.warn("outbox pass failed, will retry: {}", rootMessage(e));
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            try {
                scheduler.awaitTermination(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        // Stop before the Kafka producer and the Mongo client are closed.
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
