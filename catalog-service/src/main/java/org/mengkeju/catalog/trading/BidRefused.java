package org.mengkeju.catalog.trading;

/**
 * A bid the lot does not take, and the rule it broke. An answer, not a fault: it carries no stack trace, which would
 * be filled in for every refused bid (half the requests on a contested lot) and never read.
 */
class BidRefused extends RuntimeException {

    enum Reason {
        /** The lot is not at auction (yet, or any more). */
        NOT_IN_AUCTION,
        /** The bid came at the close or after it. */
        CLOSED,
        /** The bidder has no deposit recorded on the lot. */
        NO_DEPOSIT,
        /** Not the starting price plus a whole multiple of the increment. */
        OFF_INCREMENT,
        /** Not above the current top bid (or below the starting price). */
        TOO_LOW,
        /** The lot holds as many bids as it keeps. */
        TOO_MANY_BIDS
    }

    private final Reason reason;

    BidRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
