package org.mengkeju.catalog.achievement;

/** Where a listing is in its life. Which step leads where is {@link LifecycleAction}'s table, and only there. */
public enum AchievementStatus {
    /** Entered by its owner, not visible to the public. */
    DRAFT(false),
    /** Sent for review (提交审核). */
    SUBMITTED(false),
    /** A reviewer took it up (审核中). */
    UNDER_REVIEW(false),
    /** Sent back to the owner with the reviewer's comments (退回修改). */
    RETURNED(false),
    /** Refused with a reason (不予发布); final. */
    REJECTED(false),
    /** Publicly listed (公开发布). */
    PUBLISHED(true),
    /** A buyer and the owner are negotiating (洽谈中); still public. */
    UNDER_NEGOTIATION(true),
    /** A deal was made (已成交); public, no longer on offer; final. */
    TRANSACTED(true),
    /** Taken off the market by its owner or an operator (已撤回); final. */
    WITHDRAWN(false);

    private final boolean publiclyVisible;

    AchievementStatus(boolean publiclyVisible) {
        this.publiclyVisible = publiclyVisible;
    }

    /**
     * Whether the owner may revise the content now: while drafting or fixing it, and while it is on offer. Not while a
     * reviewer judges what was submitted, and not once it is closed.
     */
    public boolean isRevisable() {
        return this == DRAFT || this == RETURNED || this == PUBLISHED || this == UNDER_NEGOTIATION;
    }

    /** Whether every identified caller sees a listing in this status, not only its managers. */
    public boolean isPubliclyVisible() {
        return publiclyVisible;
    }
}
