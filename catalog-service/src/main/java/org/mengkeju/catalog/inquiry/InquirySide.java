package org.mengkeju.catalog.inquiry;

/** Who wrote a message of an inquiry's thread. */
public enum InquirySide {
    /** The side that asked (询价方): the question and its follow-ups. */
    BUYER,
    /** The owner's transfer office: the answers. */
    OWNER,
    /** The platform's operators mediating (撮合) between the two, e.g. a reminder or a relayed call. */
    PLATFORM
}
