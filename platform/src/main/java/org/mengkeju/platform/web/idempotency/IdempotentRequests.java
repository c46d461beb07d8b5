package org.mengkeju.platform.web.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.bson.Document;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a create once per (caller, Idempotency-Key) and answers every retry with the first response, status and
 * body as they were sent, not the resource's state today. Kept in the service's own database, collection
 * {@value #COLLECTION}, one document per key; every step is a single-document write:
 *
 * <ol>
 *   <li>claim: insert {@code {_id: caller/key, fingerprint, state: IN_PROGRESS}}; the unique {@code _id} decides
 *       between concurrent duplicates, and the loser gets a 409 telling it to retry shortly;</li>
 *   <li>run the create;</li>
 *   <li>complete: store status, Location and the body's JSON on the claim.</li>
 * </ol>
 *
 * A process that dies between 1 and 3 leaves a claim that a retry takes over after {@code takeOverAfter}; the
 * create must therefore itself be safe to run twice for one key (catalog's achievements keep a unique index on
 * (creator, key) for that), and the retry then answers from what it finds.
 */
public class IdempotentRequests {

    public static final String COLLECTION = "idempotentRequests";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Logger log = LoggerFactory.getLogger(IdempotentRequests.class);
    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";

    private final MongoTemplate mongo;
    private final JsonMapper json;
    private final Clock clock;
    private final Duration takeOverAfter;

    public IdempotentRequests(MongoTemplate mongo, JsonMapper json, Clock clock, Duration takeOverAfter) {
        this.mongo = mongo;
        this.json = json;
        this.clock = clock;
        this.takeOverAfter = takeOverAfter;
    }

    /**
     * The response of the first request with this key: runs {@code create} if there was none, replays the stored
     * one if the fingerprint matches, refuses with 409 if the key was used for another request.
     */
    public <T> ResponseEntity<T> once(String caller, String key, String fingerprint, Class<T> bodyType,
            Supplier<ResponseEntity<T>> create) {
        String id = caller + "/" + key;
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant claimedAt = clock.instant();
            Document claim = new Document("_id", id).append("caller", caller).append("key", key)
                    .append("fingerprint", fingerprint).append("state", IN_PROGRESS)
                    .append("claimedAt", java.util.Date.from(claimedAt));
            try {
                mongo.insert(claim, COLLECTION);
                return run(id, claimedAt, create);
            } catch (DuplicateKeyException taken) {
                Document existing = mongo.findById(id, Document.class, COLLECTION);
                if (existing == null) {
                    continue; // the first request failed and released the key meanwhile
                }
                if (!fingerprint.equals(existing.getString("fingerprint"))) {
                    throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused",
                            "Idempotency-Key '" + key + "' was already used for a different request; use a new key"
                                    + " for a new request");
                }
                if (COMPLETED.equals(existing.getString("state"))) {
                    return replay(existing, bodyType);
                }
                Instant theirs = existing.getDate("claimedAt").toInstant();
                if (theirs.plus(takeOverAfter).isAfter(clock.instant())) {
                    throw ApiProblem.conflict("request-in-progress", "Request in progress",
                            "a request with Idempotency-Key '" + key + "' is still being processed; retry in a few"
                                    + " seconds to get its result");
                }
                Instant now = clock.instant();
                var takeOver = mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(id).and("state").is(IN_PROGRESS)
                                .and("claimedAt").is(java.util.Date.from(theirs))),
                        Update.update("claimedAt", java.util.Date.from(now)), COLLECTION);
                if (takeOver.getModifiedCount() == 1) {
                    log.warn("taking over the unfinished request {} claimed at {}", id, theirs);
                    return run(id, now, create);
                }
            }
        }
        throw ApiProblem.conflict("request-in-progress", "Request in progress",
                "a request with Idempotency-Key '" + key + "' is being processed concurrently; retry shortly");
    }

    private <T> ResponseEntity<T> run(String id, Instant claimedAt, Supplier<ResponseEntity<T>> create) {
        Query mine = Query.query(Criteria.where("_id").is(id).and("claimedAt").is(java.util.Date.from(claimedAt)));
        ResponseEntity<T> response;
        try {
            response = create.get();
        } catch (RuntimeException refused) {
            // Nothing was created (a refusal or a failure): the key is free for a corrected or repeated request.
            mongo.remove(mine, COLLECTION);
            throw refused;
        }
        Update completed = Update.update("state", COMPLETED)
                .set("status", response.getStatusCode().value())
                .set("location", response.getHeaders().getFirst(HttpHeaders.LOCATION))
                .set("body", response.getBody() == null ? null : json.writeValueAsString(response.getBody()))
                .set("completedAt", java.util.Date.from(clock.instant()));
        mongo.updateFirst(mine, completed, COLLECTION);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(REPLAYED_HEADER, "false").body(response.getBody());
    }

    private <T> ResponseEntity<T> replay(Document stored, Class<T> bodyType) {
        var builder = ResponseEntity.status(HttpStatus.valueOf(stored.getInteger("status")))
                .header(REPLAYED_HEADER, "true");
        String location = stored.getString("location");
        if (location != null) {
            builder.header(HttpHeaders.LOCATION, location);
        }
        String body = stored.getString("body");
        return builder.body(body == null ? null : json.readValue(body, bodyType));
    }
}
