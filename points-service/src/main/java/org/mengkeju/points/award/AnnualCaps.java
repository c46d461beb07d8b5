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
 * account and local year holds the points granted and the latest grants, each with its event; a grant is one
 * conditional update that checks the total it read and the event's absence, so concurrent awards never pass the cap
 * together, and an event that asks again after a crash before its transfer gets the grant it was given.
 *
 * <p>A grant matters only until its transfer is written: from then on the ledger answers for the event (the caller
 * asks it first, {@link PointsAwards}). So the document keeps only the last {@value #RECENT_GRANTS} grants, which
 * covers every award a crash can have cut short (a redelivery comes before the partition's later events, and the
 * other partitions bring a handful each meanwhile); holding every grant of the year made an active institution's
 * document grow by one entry per award, rewritten whole at each. Releases (points taken back) have no transfer of
 * their own to answer for them and are kept, all of them: they are rare.
 */
@Component
public class AnnualCaps {

    static final String COLLECTION = "point_award_caps";
    /** How many of the latest grants a year's document keeps. */
    static final int RECENT_GRANTS = 100;

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
                            .append("awarded", granted).append("grants", List.of(grant(eventId, granted))),
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
            Update update = withGrant(new Update().inc("awarded", granted), eventId, granted);
            var result = mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("awarded").is(awarded)
                    .and("grants.event").ne(eventId)), update, COLLECTION);
            if (result.getModifiedCount() == 1) {
                return granted;
            }
        }
        throw new IllegalStateException("the annual cap of " + id + " keeps changing; the event is retried");
    }

    /**
     * Gives {@code points} of {@code accountId}'s {@code year} back under the cap because {@code takeBackId} took them
     * back from an award (its registration's amount reduced, cancelled or revoked): a negative grant under the
     * take-back's id among the year's releases, so it is given back once however often it is asked. Nothing when the
     * year was never opened. (A year's document written before releases were kept apart has them among its grants.)
     */
    public void release(String accountId, int year, String takeBackId, long points) {
        if (points <= 0) {
            return;
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId + ":" + year)
                .and("releases.event").ne(takeBackId).and("grants.event").ne(takeBackId)),
                new Update().inc("awarded", -points).push("releases", grant(takeBackId, -points)), COLLECTION);
    }

    /** {@code update} adding a grant to the year's latest, the oldest falling off past {@value #RECENT_GRANTS}. */
    private static Update withGrant(Update update, String eventId, long points) {
        update.push("grants").slice(-RECENT_GRANTS).each(grant(eventId, points));
        return update;
    }

    private static Document grant(String eventId, long points) {
        return new Document("event", eventId).append("points", points);
    }

    /**
     * The usual case in one round trip: the whole award, while the year has room for it and this event has no grant
     * yet, checked by the write itself; the year's first award opens its document in the same write (an upsert).
     * False when the year exists and the condition does not hold (a redelivery, too little room): the caller then
     * reads the year and decides from what it holds.
     */
    private boolean grantedWhole(String id, String accountId, int year, String eventId, long wanted, long cap) {
        try {
            Update update = withGrant(new Update().inc("awarded", wanted).setOnInsert("accountId", accountId)
                    .setOnInsert("year", year), eventId, wanted);
            var result = mongo.upsert(Query.query(Criteria.where("_id").is(id).and("awarded").lte(cap - wanted)
                    .and("grants.event").ne(eventId)), update, COLLECTION);
            return result.getModifiedCount() == 1 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException yearExistsWithoutRoom) {
            return false;
        }
    }
}
