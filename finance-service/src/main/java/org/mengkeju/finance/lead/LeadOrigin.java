package org.mengkeju.finance.lead;

/** How a lead came to be. */
public enum LeadOrigin {
    /** The enterprise's profile satisfied the product's rules. */
    QUALIFIED,
    /** The enterprise applied for the product directly (企业主动申请). */
    APPLIED
}
