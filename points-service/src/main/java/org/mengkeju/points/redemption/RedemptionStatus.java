package org.mengkeju.points.redemption;

import org.mengkeju.points.ledger.Transfer;

/** Where a redemption stands, as its holder and the operators see it; read from its ledger transfer. */
public enum RedemptionStatus {
    /** The points are held; an operator approves or refuses. */
    PENDING,
    /** Approved: the points are redeemed and the holder is owed the same number of yuan. */
    APPROVED,
    /** Refused by an operator; the points are available again. */
    REFUSED,
    /** Nobody decided in time; the points are available again. */
    EXPIRED,
    /** The account could not cover it when the points were to be held (a concurrent spend won). */
    INSUFFICIENT;

    static RedemptionStatus of(Transfer transfer) {
        return switch (transfer.state()) {
            case RESERVING, PENDING -> PENDING;
            case POSTING, POSTED -> APPROVED;
            case VOIDING, VOIDED -> switch (transfer.voidReason()) {
                case REFUSED -> REFUSED;
                case EXPIRED -> EXPIRED;
                case EXCEEDS_CREDITS, EXCEEDS_DEBITS -> INSUFFICIENT;
            };
        };
    }
}
