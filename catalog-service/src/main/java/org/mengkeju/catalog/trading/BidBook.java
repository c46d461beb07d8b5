package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Bids, accepted or refused by the store in one conditional update of the lot's document. */
public interface BidBook {

    /**
     * Accepts {@code bid} if, at the moment the store applies it, the lot is at auction, its close is after the bid's
     * time, the amount is at least the next minimum, the lot holds fewer than {@link Lot#MAX_BIDS} bids and the
     * bidder's request key is not among its bids. The acceptance is the change {@link Lot#accept} makes: the new top,
     * the next minimum one increment above it, the bid appended, the close moved to the bid's time plus the
     * anti-sniping window if that is later, the version incremented.
     *
     * @return the lot as the accepted bid left it, without its bid history; empty when the bid was refused
     */
    Optional<Lot> placeBid(String lotId, Bid bid, long incrementFen, Duration antiSniping);

    /**
     * Accepts {@code bids}, judged in this order on {@code lot} as last known, all at once or none: as
     * {@link #placeBid(String, Bid, long, Duration)} for the first, the others each one increment or more above the
     * one before it, all at the same time, none of their request keys among the lot's bids. Answers with what they
     * changed (the terms and the bidders do not change at auction), so that nothing else is read or mapped.
     */
    Optional<Lot.BidState> placeBids(Lot lot, List<Bid> bids, long incrementFen, Duration antiSniping);

    /** The lot without its bid history: what deciding on a bid needs, without reading thousands of bids. */
    Optional<Lot> findForBidding(String lotId);

    /** The accepted bid a request key placed on a lot, if any. */
    Optional<Bid> findBid(String lotId, String requestKey);
}
