package org.mengkeju.platform.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Makes a consumer's effect happen once per event, however often Kafka delivers it.
 *
 * <p>Two ways, in order of preference:
 * <ol>
 *   <li>{@link #insertOnce}: the consumer writes one new document whose id is {@link #derivedId derived} from
 *       the event id. The unique {@code _id} makes the write and the de-duplication one atomic step.</li>
 *   <li>{@link #runOnce}: for effects on existing documents. The processed event id is recorded under a unique
 *       id after the effect; the effect must itself be safe to repeat (a guarded state transition), because a
 *       crash between the effect and the record repeats it on redelivery.</li>
 * </ol>
 *
 * <p>Processed-event records expire through a TTL index on {@code processedAt} after a retention longer than the
 * topics' retention: by then the broker can no longer redeliver the event, so the record has nothing left to guard.
 */
public class IdempotentConsumer {

    static final String PROCESSED_EVENTS = "processed_events";
    static final String EXPIRY_INDEX = "processedAt_ttl";

    private final MongoTemplate mongo;

    public IdempotentConsumer(MongoTemplate mongo, Duration retention) {
        this.mongo = mongo;
        // Production MongoDB removes expired records in its TTL monitor; the embedded wire store keeps the index
        // but never expires anything, which only makes its collection larger.
        var indexes = mongo.indexOps(PROCESSED_EVENTS);
        boolean changed = indexes.getIndexInfo().stream().anyMatch(i -> EXPIRY_INDEX.equals(i.getName())
                && !i.getExpireAfter().map(retention::equals).orElse(false));
        if (changed) {
            // A new retention: MongoDB refuses to re-create an index with other options, so it is replaced.
            indexes.dropIndex(EXPIRY_INDEX);
        }
        indexes.createIndex(new Index().on("processedAt", Sort.Direction.ASC).named(EXPIRY_INDEX)
                .expire(retention.toSeconds(), TimeUnit.SECONDS));
    }

    /** What happened to a delivery. */
    public enum Outcome {
        /** The effect happened now. */
        APPLIED("applied"),
        /** The effect had happened before: a redelivery. */
        DUPLICATE("duplicate"),
        /** The event called for no effect (e.g. no award rule in force). */
        SKIPPED("skipped");

        private final String tag;

        Outcome(String tag) {
            this.tag = tag;
        }

        /** The value of the consumed-events metric's {@code outcome} tag. */
        public String tag() {
            return tag;
        }
    }

    /**
     * The id of what a consumer writes for an event: the same event always yields the same id. {@code purpose} is
     * stored in ids forever: a literal, never a Java name that a refactoring may change.
     */
    public static String derivedId(String purpose, ReceivedEvent event) {
        return purpose + ":" + event.id();
    }

    /** Inserts {@code document} (whose id is derived from the event) unless it exists already. */
    public Outcome insertOnce(Object document) {
        try {
            mongo.insert(document);
            return Outcome.APPLIED;
        } catch (DuplicateKeyException duplicate) {
            return Outcome.DUPLICATE;
        }
    }

    /** Runs a repeatable effect unless {@code consumer} has processed {@code event} before. */
    public Outcome runOnce(String consumer, ReceivedEvent event, Runnable repeatableEffect) {
        String id = consumer + ":" + event.id();
        if (mongo.exists(Query.query(Criteria.where("_id").is(id)), PROCESSED_EVENTS)) {
            return Outcome.DUPLICATE;
        }
        repeatableEffect.run();
        try {
            mongo.insert(new ProcessedEvent(id, event.type(), Instant.now()), PROCESSED_EVENTS);
            return Outcome.APPLIED;
        } catch (DuplicateKeyException concurrentDelivery) {
            return Outcome.DUPLICATE;
        }
    }

    record ProcessedEvent(String id, String type, Instant processedAt) {
    }
}
