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
     * write: the year's document is read, then either created with this grant in it (the year's first award) or
     * updated under the condition that its total is still the one read; a lost race reads again.
     */
    public long grant(String accountId, int year, String eventId, long wanted, long cap) {
        String id = accountId + ":" + year;
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
}
