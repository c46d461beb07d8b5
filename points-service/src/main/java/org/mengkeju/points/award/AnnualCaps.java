package org.mengkeju.points.award;

import java.util.List;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * How much of an award an account may still get in a year under the annual cap (年度积分上限). One document per
 * account and local year holds the points granted and the event of each grant; a grant is one conditional update
 * that checks the total it read and the event's absence, so concurrent awards never pass the cap together, and an
 * event asks again (a redelivery, or a retry after a crash before its transfer) gets the grant it was given.
 */
@Component
public class AnnualCaps {

    static final String COLLECTION = "point_award_caps";

    private final MongoTemplate mongo;

    AnnualCaps(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /**
     * The points of {@code wanted} that {@code eventId} may award {@code accountId} in {@code year}: 0 to wanted. One
     * write: a conditional upsert that grants the whole award while the year has room for it; failing that, the
     * year's document is read, then either created with this grant in it or updated under the condition that its
     * total is still the one read; a lost race reads again.
     */
    public long grant(String accountId, int year, String eventId, long wanted, long cap) {
        String id = accountId + ":" + year;
        if (wanted <= cap && grantedWhole(id, accountId, year, eventId, wanted, cap)) {
            return wanted;
        }
        for (int attempt = 0; attempt < 100; attempt++) {
            Document caps = mongo.findById(id, Document.class, COLLECTION);
            if (caps == null) {
                long granted = Math.max(0, Math.min(wanted, cap));
                try {
                    mongo.insert(new Document("_id", id).append("accountId", accountId).append("year", year)
                            .append("awarded", granted)
                            .append("grants", List.of(new Document("event", eventId).append("points", granted))),
                            COLLECTION);
                    return granted;
                } catch (DuplicateKeyException concurrentlyOpened) {
                    continue; // another award opened the year meanwhile: read it
                }
            }
            for (Document grant : caps.getList("grants", Document.class, List.of())) {
                if (eventId.equals(grant.getString("event"))) {
                    return grant.get("points", Number.class).longValue();
                }
            }
            long awarded = caps.get("awarded", Number.class).longValue();
            long granted = Math.max(0, Math.min(wanted, cap - awarded));
            var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("awarded").is(awarded)
                    .and("grants.event").ne(eventId)), new Update().inc("awarded", granted)
                    .push("grants", new Document("event", eventId).append("points", granted)), COLLECTION);
            if (result.getModifiedCount() == 1) {
                return granted;
            }
        }
        throw new IllegalStateException("the annual cap of " + id + " keeps changing; the event is retried");
    }

    /**
     * Gives {@code points} of {@code accountId}'s {@code year} back under the cap because {@code takeBackId} took them
     * back from an award (its registration's amount reduced, cancelled or revoked): a negative grant under the
     * take-back's id, so it is given back once however often it is asked. Nothing when the year was never opened.
     */
    public void release(String accountId, int year, String takeBackId, long points) {
        if (points <= 0) {
            return;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId + ":" + year)
                .and("grants.event").ne(takeBackId)), new Update().inc("awarded", -points)
                .push("grants", new Document("event", takeBackId).append("points", -points)), COLLECTION);
    }

    /**
     * The usual case in one round trip: the whole award, while the year has room for it and this event has no grant
     * yet, checked by the write itself; the year's first award opens its document in the same write (an upsert).
     * False when the year exists and the condition does not hold (a redelivery, too little room): the caller then
     * reads the year and decides from what it holds.
     */
    private boolean grantedWhole(String id, String accountId, int year, String eventId, long wanted, long cap) {
        try {
            var result = mongo.upsert(Query.query(Criteria.where("_id").is(id).and("awarded").lte(cap - wanted)
                    .and("grants.event").ne(eventId)), new Update().inc("awarded", wanted)
                    .push("grants", new Document("event", eventId).append("points", wanted))
                    .setOnInsert("accountId", accountId).setOnInsert("year", year), COLLECTION);
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException yearExistsWithoutRoom) {
            return false;
        }
    }
}
