package org.mengkeju.catalog.trading;

import java.time.Instant;

/**
 * An objection (异议) to a deal filed during its publication period (公示), and an operator's decision on it.
 *
 * @param upheld null while undecided; true annuls the deal, false dismisses the objection
 */
public record Objection(
        int number,
        String filedBy,
        String reason,
        Instant filedAt,
        Boolean upheld,
        String decidedBy,
        String decisionNote,
        Instant decidedAt) {

    boolean isPending() {
        return upheld == null;
    }

    Objection decided(boolean upheld, String by, String note, Instant at) {
        return new Objection(number, filedBy, reason, filedAt, upheld, by, note, at);
    }
}
