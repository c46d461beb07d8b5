package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.util.Optional;

import org.bson.Document;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The store's side of {@link BidBook}: one conditional update per bid, no read-modify-write. */
class BidBookImpl implements BidBook {

    private final MongoTemplate mongo;

    BidBookImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Lot> placeBid(String lotId, Bid bid, long incrementFen, Duration antiSniping) {
        Query open = Query.query(Criteria.where("_id").is(lotId)
                .and("status").is(LotStatus.AUCTION.name())
                .and("closesAt").gt(bid.at())
                .and("nextMinimumFen").lte(bid.amountFen())
                .and("bidCount").lt(Lot.MAX_BIDS)
                .and("bids.requestKey").ne(bid.requestKey()));
        withoutHistory(open);
        Document stored = (Document) mongo.getConverter().convertToMongoType(bid);
        Update accept = new Update()
                .set("topBidFen", bid.amountFen())
                .set("nextMinimumFen", bid.amountFen() + incrementFen)
                .set("leadingInstitutionId", bid.institutionId())
                .push("bids", stored)
                .inc("bidCount", 1)
                .inc("version", 1)
                // The anti-sniping rule: the close is the later of itself and the bid's time plus the window.
                .max("closesAt", bid.at().plus(antiSniping))
                .max("dueAt", bid.at().plus(antiSniping));
        // One round trip: the write and the state it left, which the bidder is answered with.
        return Optional.ofNullable(mongo.findAndModify(open, accept, FindAndModifyOptions.options().returnNew(true),
                Lot.class));
    }

    @Override
    public Optional<Lot> findForBidding(String lotId) {
        return Optional.ofNullable(mongo.findOne(withoutHistory(Query.query(Criteria.where("_id").is(lotId))),
                Lot.class));
    }

    private static Query withoutHistory(Query query) {
        query.fields().exclude("bids").exclude("pendingEvents").exclude("parkedEvents");
        return query;
    }

    @Override
    public Optional<Bid> findBid(String lotId, String requestKey) {
        Query query = Query.query(Criteria.where("_id").is(lotId).and("bids.requestKey").is(requestKey));
        if (!mongo.exists(query, Lot.class)) {
            return Optional.empty();
        }
        return Optional.ofNullable(mongo.findOne(query, Lot.class)).flatMap(lot -> lot.bids().stream()
                .filter(b -> requestKey.equals(b.requestKey())).findFirst());
    }
}
