package org.mengkeju.contract.registration;

/** Where the check of a contract's achievements against the catalog stands. */
public enum AchievementCheckState {
    /** The contract names no achievement. */
    NOT_NEEDED,
    /** The catalog could not be asked (down, slow, breaker open): checked again later, by the service itself. */
    PENDING,
    /** Every achievement is in the catalog. */
    VERIFIED,
    /** The catalog does not know one or more of them; the reviewer returns the contract for correction. */
    NOT_FOUND,
    /**
     * The catalog knows them, but one or more do not fit: not on the market, or owned by another institution than
     * the seller; the reviewer returns the contract for correction.
     */
    MISMATCH
}
