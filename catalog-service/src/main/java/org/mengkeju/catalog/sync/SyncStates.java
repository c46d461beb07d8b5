package org.mengkeju.catalog.sync;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.mengkeju.catalog.achievement.SyncOutcome;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Where each sub-center stands with the catalog (同步状态), for ops: its last upload and how it went, the items it had
 * refused, and the last position it pulled the change feed from. One document per sub-center, each change one
 * atomic update.
 */
@Component
class SyncStates {

    static final String COLLECTION = "sync_states";
    /** Refusals kept per sub-center, newest first: enough to see what goes wrong without growing forever. */
    static final int KEPT_REFUSALS = 50;

    private final MongoTemplate mongo;
    private final Clock clock;

    SyncStates(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void uploaded(String subCenter, String regionCode, List<SyncOutcome> outcomes) {
        List<Document> refusals = outcomes.stream().filter(o -> !o.outcome().accepted())
                .limit(KEPT_REFUSALS).map(o -> new Document("index", o.index()).append("externalId", o.externalId())
                        .append("problem", o.problem()).append("at", Date.from(clock.instant()))).toList();
        long refused = outcomes.stream().filter(o -> !o.outcome().accepted()).count();
        Update update = new Update().set("regionCode", regionCode).set("lastUploadAt", Date.from(clock.instant()))
                .set("lastUploadItems", outcomes.size()).set("lastUploadRefused", refused)
                .inc("uploads", 1).inc("itemsAccepted", outcomes.size() - refused).inc("itemsRefused", refused);
        if (!refusals.isEmpty()) {
            update.push("recentRefusals").atPosition(Update.Position.FIRST).slice(KEPT_REFUSALS)
                    .each(refusals.toArray());
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(subCenter)), update, COLLECTION);
    }

    void pulled(String subCenter, String regionCode, long after, long next) {
        mongo.upsert(Query.query(Criteria.where("_id").is(subCenter)), new Update().set("regionCode", regionCode)
                .set("lastPullAt", Date.from(clock.instant())).set("lastPullFrom", after).set("lastPullNext", next)
                .inc("pulls", 1), COLLECTION);
    }

    List<Document> all() {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, COLLECTION);
    }

    Document of(String subCenter) {
        return mongo.findById(subCenter, Document.class, COLLECTION);
    }
}
