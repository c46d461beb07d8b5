package org.mengkeju.matching.proposal;

/**
 * Where a proposal is, in order: proposed → contacted → negotiating → closed won or lost. It only moves forward (a
 * step may be skipped: parties often meet and negotiate at once); a closed proposal is final.
 */
public enum ProposalStatus {
    PROPOSED,
    CONTACTED,
    NEGOTIATING,
    /** 成交: the parties reached a deal. */
    CLOSED_WON,
    /** 未成交: given up. */
    CLOSED_LOST;

    public boolean isClosed() {
        return this == CLOSED_WON || this == CLOSED_LOST;
    }

    /** Whether a proposal in this status may move to {@code next}. */
    public boolean mayMoveTo(ProposalStatus next) {
        return !isClosed() && next.ordinal() > ordinal() && next != PROPOSED;
    }
}
