package org.mengkeju.platform.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The replays of dead letters, one document per dead letter (its id is the {@link DeadLetterId}), so that a replay
 * happens once however often an operator presses the button, and is recorded: who asked, when, where the record
 * went. A small state machine of single-document writes: {@code REPLAYING} under a lease while the record is being
 * published, then {@code REPLAYED}. A replayer that dies in between leaves the lease to run out; the next request
 * takes over and publishes again (consumers are idempotent, so a second copy changes nothing).
 */
public class DeadLetterReplays {

    static final String COLLECTION = "dead_letter_replays";
    static final String REPLAYING = "REPLAYING";
    static final String REPLAYED = "REPLAYED";

    /** What a request to replay found. */
    public enum Claim {
        /** This request replays it now. */
        CLAIMED,
        /** It was replayed before: nothing more to do. */
        DONE,
        /** Another request is replaying it right now. */
        BUSY
    }

    private final MongoTemplate mongo;
    private final Duration lease;

    public DeadLetterReplays(MongoTemplate mongo, Duration lease) {
        this.mongo = mongo;
        this.lease = lease;
    }

    /** Takes the replay of {@code id} for {@code operator}, unless it is done or another holds its lease. */
    public Claim claim(DeadLetterId id, String operator, Instant now) {
        Document claim = new Document("_id", id.toString()).append("state", REPLAYING)
                .append("deadLetterTopic", id.deadLetterTopic()).append("requestedBy", operator)
                .append("requestedAt", Date.from(now)).append("leaseUntil", Date.from(now.plus(lease)));
        try {
            mongo.getCollection(COLLECTION).insertOne(claim);
            return Claim.CLAIMED;
        } catch (com.mongodb.MongoWriteException | DuplicateKeyException duplicate) {
            if (duplicate instanceof com.mongodb.MongoWriteException write && write.getError().getCode() != 11000) {
                throw write;
            }
        }
        // Taken before: by a replay that finished, one in progress, or one whose replayer died (lease run out).
        Document takenOver = mongo.findAndModify(
                Query.query(Criteria.where("_id").is(id.toString()).and("state").is(REPLAYING)
                        .and("leaseUntil").lt(Date.from(now))),
                new Update().set("requestedBy", operator).set("requestedAt", Date.from(now))
                        .set("leaseUntil", Date.from(now.plus(lease))),
                FindAndModifyOptions.options().returnNew(true), Document.class, COLLECTION);
        if (takenOver != null) {
            return Claim.CLAIMED;
        }
        Document existing = mongo.findById(id.toString(), Document.class, COLLECTION);
        return existing != null && REPLAYED.equals(existing.getString("state")) ? Claim.DONE : Claim.BUSY;
    }

    /** Records that the replayed record is on its topic at {@code partition}/{@code offset}. */
    public void completed(DeadLetterId id, int partition, long offset, Instant at) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id.toString()).and("state").is(REPLAYING)),
                new Update().set("state", REPLAYED).set("replayedAt", Date.from(at)).set("partition", partition)
                        .set("offset", offset).unset("leaseUntil"),
                COLLECTION);
    }

    /** Gives a claim up after a failed publish, so the next request may try at once. */
    public void released(DeadLetterId id) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(id.toString()).and("state").is(REPLAYING)),
                new Update().set("leaseUntil", new Date(0)), COLLECTION);
    }

    /** The replays recorded for the dead letters of {@code topics}, by dead-letter id. */
    public Map<String, DeadLetter.Replay> of(Collection<String> topics) {
        Map<String, DeadLetter.Replay> replays = new HashMap<>();
        if (topics.isEmpty()) {
            return replays;
        }
        mongo.getCollection(COLLECTION).find(new Document("deadLetterTopic", new Document("$in", topics)))
                .forEach(d -> replays.put(d.getString("_id"), replay(d)));
        return replays;
    }

    /** The replay recorded for one dead letter, or null. */
    public DeadLetter.Replay of(DeadLetterId id) {
        Document found = mongo.findById(id.toString(), Document.class, COLLECTION);
        return found == null ? null : replay(found);
    }

    private static DeadLetter.Replay replay(Document d) {
        Number offset = d.get("offset", Number.class);
        Number partition = d.get("partition", Number.class);
        return new DeadLetter.Replay(d.getString("state"), d.getString("requestedBy"), instant(d, "requestedAt"),
                instant(d, "replayedAt"), partition == null ? null : partition.intValue(),
                offset == null ? null : offset.longValue());
    }

    private static Instant instant(Document d, String field) {
        Date date = d.getDate(field);
        return date == null ? null : date.toInstant();
    }
}
