package org.mengkeju.platform.messaging;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
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
 */
public class IdempotentConsumer {

    static final String PROCESSED_EVENTS = "processed_events";

    private final MongoTemplate mongo;

    public IdempotentConsumer(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** What happened to a delivery. */
    public enum Outcome { APPLIED, DUPLICATE }

    /** The id of what a consumer writes for an event: the same event always yields the same id. */
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
