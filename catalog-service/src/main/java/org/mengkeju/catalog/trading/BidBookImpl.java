package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The store's side of {@link BidBook}: one conditional update per bid, no read-modify-write. */
class BidBookImpl implements BidBook {

    private final MongoTemplate mongo;

    BidBookImpl(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Optional<Lot> placeBid(String lotId, Bid bid, long incrementFen, Duration antiSniping) {
        Optional<Lot> stored = findForBidding(lotId);
        return stored.flatMap(lot -> placeBids(lot, List.of(bid), incrementFen, antiSniping).map(lot::afterBid));
    }

    @Override
    public Optional<Lot.BidState> placeBids(Lot lot, List<Bid> bids, long incrementFen, Duration antiSniping) {
        // Written with the driver's own documents: the bid path is the hot one, and mapping a query, an update and
        // the lot they return through the object mapper cost more than the store's write itself.
        Bid first = bids.getFirst();
        Bid last = bids.getLast();
        Document open = new Document("_id", lot.id())
                .append("status", LotStatus.AUCTION.name())
                .append("closesAt", new Document("$gt", Date.from(last.at())))
                .append("nextMinimumFen", new Document("$lte", first.amountFen()))
                .append("bidCount", new Document("$lte", Lot.MAX_BIDS - bids.size()))
                .append("bids.requestKey", new Document("$nin", bids.stream().map(Bid::requestKey).toList()));
        Date extended = Date.from(last.at().plus(antiSniping));
        Document accept = new Document("$set", new Document("topBidFen", last.amountFen())
                        .append("nextMinimumFen", last.amountFen() + incrementFen)
                        .append("leadingInstitutionId", last.institutionId()))
                .append("$push", new Document("bids", new Document("$each",
                        bids.stream().map(BidBookImpl::stored).toList())))
                .append("$inc", new Document("bidCount", bids.size()).append("version", 1L))
                // The anti-sniping rule: the close is the later of itself and the bid's time plus the window.
                .append("$max", new Document("closesAt", extended).append("dueAt", extended));
        // One round trip: the write and what it changed, which the bidder is answered with.
        Document after = mongo.getCollection(mongo.getCollectionName(Lot.class)).findOneAndUpdate(open, accept,
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER).projection(BID_STATE));
        if (after == null) {
            return Optional.empty();
        }
        return Optional.of(new Lot.BidState(after.getLong("topBidFen"), after.getLong("nextMinimumFen"),
                after.getString("leadingInstitutionId"), after.getDate("closesAt").toInstant(),
                after.getInteger("bidCount"), number(after.get("version"))));
    }

    /** What a bid changes, and all the answer to it needs of the lot besides what does not change at auction. */
    private static final Document BID_STATE = new Document("topBidFen", 1).append("nextMinimumFen", 1)
            .append("leadingInstitutionId", 1).append("closesAt", 1).append("bidCount", 1).append("version", 1);

    /** A bid as the lot's history keeps it: the fields of {@link Bid}, as the object mapper reads them back. */
    private static Document stored(Bid bid) {
        return new Document("pseudonym", bid.pseudonym()).append("institutionId", bid.institutionId())
                .append("clientId", bid.clientId()).append("amountFen", bid.amountFen())
                .append("at", Date.from(bid.at())).append("requestKey", bid.requestKey());
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
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
        // Nearly always absent (a refused bid that is no retry): asked for the id alone, the lot is not read.
        Document placed = new Document("_id", lotId).append("bids.requestKey", requestKey);
        if (mongo.getCollection(mongo.getCollectionName(Lot.class)).find(placed)
                .projection(new Document("_id", 1)).limit(1).first() == null) {
            return Optional.empty();
        }
        Query query = Query.query(Criteria.where("_id").is(lotId).and("bids.requestKey").is(requestKey));
        return Optional.ofNullable(mongo.findOne(query, Lot.class)).flatMap(lot -> lot.bids().stream()
                .filter(b -> requestKey.equals(b.requestKey())).findFirst());
    }
}
