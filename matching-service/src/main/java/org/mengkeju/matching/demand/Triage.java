package org.mengkeju.matching.demand;

/**
 * A technology broker's (技术经纪人) verdict on an open demand, after Jiangsu's practice: most are refined and
 * matched, some go back to the enterprise to be diagnosed again, the rest are tracked for the long term.
 */
public enum Triage {
    /** 精准提炼: the statement was sharpened; the demand is matched as refined. */
    REFINED("REFINE"),
    /** 退回重新诊断: the enterprise must restate its problem; it is not matched until then. */
    SENT_BACK("SEND_BACK"),
    /** 长期跟踪: no quick solution; brokers keep watching for one, and the deadline no longer ends it. */
    LONG_TERM_TRACKING("TRACK_LONG_TERM");

    private final String action;

    Triage(String action) {
        this.action = action;
    }

    /** The step's name in {@code DemandStatusChanged}. */
    String action() {
        return action;
    }
}
