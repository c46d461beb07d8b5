package org.mengkeju.matching.demand;

import java.util.Map;
import java.util.Set;

/** Where a demand is in its life: open → matched → closed, or expired after its deadline. */
public enum DemandStatus {
    /** Posted and looking for a solution. */
    OPEN,
    /** A solution was found; the parties are working out the deal. */
    MATCHED,
    /** Done: solved, or given up by its owner. */
    CLOSED,
    /** Its deadline's local day passed while it was still open. */
    EXPIRED;

    private static final Map<DemandStatus, Set<DemandStatus>> NEXT = Map.of(
            OPEN, Set.of(MATCHED, CLOSED, EXPIRED),
            MATCHED, Set.of(CLOSED),
            CLOSED, Set.of(),
            EXPIRED, Set.of());

    /** Whether a demand in this status may move to {@code next}. */
    public boolean mayMoveTo(DemandStatus next) {
        return NEXT.get(this).contains(next);
    }

    public boolean isFinal() {
        return NEXT.get(this).isEmpty();
    }
}
