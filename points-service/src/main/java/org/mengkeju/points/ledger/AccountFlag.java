package org.mengkeju.points.ledger;

/** Limits an account keeps whatever transfers are asked of it; checked in the same write that reserves a transfer. */
public enum AccountFlag {
    /** Debits (posted and pending) may never exceed posted credits: a holder cannot spend points it does not have. */
    DEBITS_MUST_NOT_EXCEED_CREDITS,
    /** Credits (posted and pending) may never exceed posted debits: an account that only gives back what it took. */
    CREDITS_MUST_NOT_EXCEED_DEBITS
}
