package org.mengkeju.points.ledger;

/** Why points moved; each reason is one award rule or one kind of redemption. */
public enum TransferReason {
    /** Points for publicly listing an achievement (发布成果). */
    ACHIEVEMENT_PUBLISHED("achievement-published");

    private final String effect;

    TransferReason(String effect) {
        this.effect = effect;
    }

    /**
     * The literal that prefixes the ids of transfers for this reason ({@code <effect>:<event id>}), which makes
     * a credit idempotent. Stored in every transfer's id: it never changes, whatever the constant is renamed to.
     */
    public String effect() {
        return effect;
    }
}
