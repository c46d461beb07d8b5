package org.mengkeju.points.ledger;

/** Why points moved; each reason is one award rule or one kind of redemption. */
public enum TransferReason {
    /** Points for publicly listing an achievement (发布成果). */
    ACHIEVEMENT_PUBLISHED
}
