package org.mengkeju.catalog.trading;

import java.time.Duration;
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
     * As {@link #placeBid(String, Bid, long, Duration)} on {@code lot} as the bidder read it, answering with what the
     * accepted bid changed (its terms and bidders do not change at auction), so that nothing else is read or mapped.
     */
    Optional<Lot.BidState> placeBid(Lot lot, Bid bid, long incrementFen, Duration antiSniping);

    /** The lot without its bid history: what deciding on a bid needs, without reading thousands of bids. */
    Optional<Lot> findForBidding(String lotId);

    /** The accepted bid a request key placed on a lot, if any. */
    Optional<Bid> findBid(String lotId, String requestKey);
}
