package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.achievement.TransferMode;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Lots in states that take days to reach in real time (at auction until next month, a deal in publication), built
 * with the lot's own steps at earlier instants and written to the store as they are. The API document's walk and the
 * store-level tests start from them.
 */
public final class TradingFixtures {

    private TradingFixtures() {
    }

    public static final String EXAMPLE_AUCTION = TradingExamples.EXAMPLE_AUCTION;
    public static final String EXAMPLE_DEAL = TradingExamples.EXAMPLE_DEAL;
    /** The buyer the document walk bids as: registered and qualified on both example lots. */
    public static final String EXAMPLE_BUYER = TradingExamples.EXAMPLE_BUYER;

    /**
     * Replaces the examples' lots: one at auction until a month from now, one whose deal is in publication. The
     * service forgets what it knew of the lots they replace (lots are never replaced outside tests).
     */
    public static void seedExamples(ApplicationContext service, Instant now) {
        Lots lots = service.getBean(Lots.class);
        AuctionLanes lanes = service.getBean(AuctionLanes.class);
        lanes.close(EXAMPLE_AUCTION);
        lanes.close(EXAMPLE_DEAL);
        lots.deleteById(EXAMPLE_AUCTION);
        lots.deleteById(EXAMPLE_DEAL);
        lots.insert(atAuction(EXAMPLE_AUCTION, now, now.plus(Duration.ofDays(30)), Duration.ofMinutes(5),
                List.of(EXAMPLE_BUYER, "baotou-steel-union")));
        Lot deal = atAuction(EXAMPLE_DEAL, now, now.plus(Duration.ofDays(30)), Duration.ofMinutes(5),
                List.of(EXAMPLE_BUYER));
        lots.insert(deal);
    }

    /**
     * A lot of the examples' achievement listed two hours before {@code now}, whose listing period ended an hour
     * before it with {@code buyers} qualified: at auction closing at {@code closesAt} for two or more, a deal by
     * agreement in publication (for thirty days) for one.
     */
    static Lot atAuction(String id, Instant now, Instant closesAt, Duration antiSniping, List<String> buyers) {
        return atAuction(id, now, closesAt, antiSniping, buyers, null);
    }

    /** As {@link #atAuction(String, Instant, Instant, Duration, List)}, presented at release session {@code sessionId}. */
    static Lot atAuction(String id, Instant now, Instant closesAt, Duration antiSniping, List<String> buyers,
            String sessionId) {
        Instant listed = now.minus(Duration.ofHours(2));
        Instant registrationEnds = now.minus(Duration.ofHours(1));
        LotTerms terms = new LotTerms(TransferMode.ASSIGNMENT, 89_500_000L, 5_000_000L, null, 10_000_000L,
                registrationEnds, closesAt, antiSniping.toSeconds(), List.of(), List.of());
        Lot lot = Lot.list(new LotId(id), new Lot.Offered(TradingExamples.EXAMPLE_ACHIEVEMENT,
                "玉米皮菌体蛋白生物发酵饲料", IndustryChain.MODERN_AGRICULTURE, "imut", "150100"), terms, sessionId,
                "imut-tto", "fixture-" + id, "fixture", listed);
        for (String buyer : buyers) {
            lot.register(buyer, buyer + "-tto", listed.plusSeconds(60));
            lot.recordDeposit(buyer, 10_000_000L, "ESC-" + buyer, "ops-console", listed.plusSeconds(120));
        }
        lot.advance(registrationEnds, Duration.ofDays(30));
        return lot;
    }

    /**
     * Time reaches the lot's next date now: the end of its listing period, or its auction's close, is moved to the
     * present, as if the clock had got there. Tests set those dates well ahead, so a busy machine serves every
     * request before them, and then move them instead of sleeping until they come.
     */
    static void dueNow(MongoTemplate mongo, String lotId) {
        // The lanes of this service learn of the move from the store, as they learn of another replica's writes.
        Instant now = Instant.now();
        Query lot = Query.query(Criteria.where("_id").is(lotId));
        Update moved = new Update().set("dueAt", now);
        Lot stored = mongo.findOne(lot, Lot.class);
        if (stored == null) {
            throw new IllegalArgumentException("no lot " + lotId);
        }
        switch (stored.status()) {
            case REGISTRATION -> moved.set("terms.registrationEndsAt", now);
            case AUCTION -> moved.set("closesAt", now);
            default -> throw new IllegalStateException("lot " + lotId + " is " + stored.status() + ": no date due");
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(lotId).and("status").is(stored.status().name())),
                moved, Lot.class);
    }

    /** The bid {@code buyer} would place on {@code lot} at {@code at}. */
    static Bid bid(Lot lot, String buyer, long amountFen, Instant at, String key) {
        return lot.bidOf(buyer, buyer + "-tto", amountFen, at, buyer + "-tto/" + key);
    }
}
