package org.mengkeju.catalog.inquiry;

/** Whose move it is in an inquiry's thread. */
public enum InquiryStatus {
    /** The buyer asked or followed up last: the owner's office has to answer (待回复). */
    AWAITING_ANSWER,
    /** The owner's office answered last (已回复). */
    ANSWERED
}
