package org.mengkeju.points.ledger;

/** Why a transfer was voided instead of posted. */
public enum VoidReason {
    /** The debit would have taken the account below what it holds (debits must not exceed credits). */
    EXCEEDS_CREDITS,
    /** The credit would have exceeded what the account took (credits must not exceed debits). */
    EXCEEDS_DEBITS,
    /** An operator refused the pending transfer (e.g. a redemption rejected). */
    REFUSED,
    /** Nobody decided the pending transfer within its time. */
    EXPIRED
}
