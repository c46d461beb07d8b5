package org.mengkeju.catalog.trading;

/** Why a lot closed without a deal (流拍). */
public enum UnsoldReason {
    /** Nobody registered interest and paid the deposit in the listing period. */
    NO_QUALIFIED_BUYER,
    /** An auction was held and nobody bid. */
    NO_BIDS,
    /** The highest bid stayed below the reserve price (保留价). */
    RESERVE_NOT_MET
}
