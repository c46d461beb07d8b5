package org.mengkeju.points.ledger;

/**
 * The steps of a transfer. Every step is one single-document write, so a crash leaves the transfer in one of these
 * states and {@link LedgerRecovery} finishes it:
 *
 * <pre>
 * RESERVING ──(both accounts hold the amount as pending)──► POSTING ──(both moved to posted)──► POSTED
 *     │                                   └──► PENDING (two-phase: waits for a decision or its timeout)
 *     └──(an account's flag refuses)──► VOIDING ──(reservations released)──► VOIDED
 * PENDING ──post──► POSTING,  PENDING ──void──► VOIDING
 * </pre>
 *
 * A transfer that no account has to hold (see {@link Transfer}: an award from the issued account, say) skips the
 * steps that move holds: it is written POSTED (or PENDING) at once, and a decision on it ends it POSTED or VOIDED.
 *
 * The write that enters POSTING or VOIDING is the decision: from then on a reader counts the amount as posted (or
 * as nothing), whether or not the accounts have moved it yet.
 */
public enum TransferState {
    RESERVING, PENDING, POSTING, VOIDING, POSTED, VOIDED;

    /** States a process works through without waiting for anybody: left by a crash, recovery finishes them. */
    public boolean inFlight() {
        return this == RESERVING || this == POSTING || this == VOIDING;
    }

    /** Whether a reader counts the amount as posted. */
    public boolean countsAsPosted() {
        return this == POSTING || this == POSTED;
    }

    /** Whether a reader counts the amount as pending (held, not yet posted). */
    public boolean countsAsPending() {
        return this == RESERVING || this == PENDING;
    }

    public boolean isFinal() {
        return this == POSTED || this == VOIDED;
    }
}
