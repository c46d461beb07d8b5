package org.mengkeju.finance.lead;

import java.util.Set;

/** A lead's life at its finance institution, with the outcomes each status may be followed by. */
public enum LeadStatus {
    /** Opened: the institution has not reported anything yet. */
    NEW,
    /** The institution reached the enterprise. */
    CONTACTED,
    /** Approved with an amount (授信/承保). */
    APPROVED,
    /** Turned down, with a reason. */
    REJECTED,
    /** The money reached the enterprise (放款), with an amount and a date. */
    DISBURSED,
    /** The enterprise withdrew its consent: the institution no longer sees the lead. */
    WITHDRAWN;

    /** The statuses from which an outcome may move the lead here. */
    Set<LeadStatus> reachableFrom() {
        return switch (this) {
            case CONTACTED -> Set.of(NEW);
            case APPROVED -> Set.of(NEW, CONTACTED);
            case REJECTED -> Set.of(NEW, CONTACTED, APPROVED);
            case DISBURSED -> Set.of(APPROVED);
            case NEW, WITHDRAWN -> Set.of();
        };
    }
}
