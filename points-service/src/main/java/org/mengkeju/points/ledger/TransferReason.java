package org.mengkeju.points.ledger;

/** Why points moved (the transfer's code): one award rule, a redemption, an expiry, or an operator's correction. */
public enum TransferReason {
    /** Points for publicly listing an achievement (发布成果). */
    ACHIEVEMENT_PUBLISHED("achievement-published", 1001),
    /** Points for a registered technology contract (技术合同登记), the seller's or the buyer's share. */
    CONTRACT_REGISTERED("contract-registered", 1002),
    /** Points for a supply–demand match that closed won (对接成功), to the buyer and to the seller. */
    MATCH_CLOSED_WON("match-closed-won", 1003),
    /** Points for the team chosen on a challenge list (揭榜挂帅, 揭榜成功). */
    CHALLENGE_WON("challenge-won", 1004),
    /**
     * Points topped up because a registered contract's technology transaction amount was raised by a change of its
     * registration (变更登记), to what the new amount earns.
     */
    CONTRACT_CHANGED("contract-changed", 1005),
    /** Points redeemed for cash (积分兑换), held pending until an operator decides. */
    REDEMPTION("redemption", 2001),
    /** Points that expired unused (积分过期). */
    EXPIRY("expiry", 3001),
    /** An operator's adjustment, with the reference of the decision behind it. */
    ADJUSTMENT("adjustment", 9001),
    /** The correction of an earlier transfer: the same amount, the other way. Transfers are never edited. */
    REVERSAL("reversal", 9002),
    /**
     * Part of an award taken back because what earned it was reduced: a contract's registration changed to a lower
     * technology transaction amount. The award itself stands; this corrects it down to what the new amount earns.
     */
    AWARD_REDUCED("award-reduced", 9003);

    private final String effect;
    private final int code;

    TransferReason(String effect, int code) {
        this.effect = effect;
        this.code = code;
    }

    /**
     * The literal that prefixes the ids of transfers for this reason ({@code <effect>:<event id>}), which makes
     * an award idempotent. Stored in every transfer's id: it never changes, whatever the constant is renamed to.
     */
    public String effect() {
        return effect;
    }

    /** Whether points of this reason are issued by an award rule (and announced as {@code PointsPosted}). */
    public boolean isAward() {
        return code / 1000 == 1;
    }

    /**
     * The award rule an award of this reason applies, as {@code PointsPosted} names it: a top-up of a contract's award
     * is paid by the contract rule, so readers of the event see the rule they know.
     */
    public String awardRule() {
        return this == CONTRACT_CHANGED ? CONTRACT_REGISTERED.name() : name();
    }

    /**
     * Why points entered a holder, as {@code PointsPosted} names it: the award rule for an award, else the reason
     * itself (an operator's adjustment, a reversal).
     */
    public String creditReason() {
        return isAward() ? awardRule() : name();
    }

    /**
     * Why points left a holder, as {@code PointsDebited} names it: taking back part of an award is a (partial)
     * reversal to its readers.
     */
    public String debitReason() {
        return this == AWARD_REDUCED ? REVERSAL.name() : name();
    }

    /** The numeric transfer code, stable like {@link #effect}. */
    public int code() {
        return code;
    }
}
