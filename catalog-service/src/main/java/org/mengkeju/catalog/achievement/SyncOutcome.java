package org.mengkeju.catalog.achievement;

/**
 * What a batch upload did with one item.
 *
 * @param achievementId the catalog's id of the listing; null when the item was refused before one existed
 * @param problem       why the item was refused; null otherwise
 */
public record SyncOutcome(int index, String externalId, Outcome outcome, String achievementId, String problem) {

    /** The effect on the catalog. */
    public enum Outcome {
        /** A new listing, submitted for review. */
        CREATED,
        /** The content of a listing on offer or in draft changed. */
        UPDATED,
        /** A returned listing was fixed and sent for review again. */
        RESUBMITTED,
        WITHDRAWN,
        /** The catalog already had it so: a repeated upload. */
        UNCHANGED,
        /** Nothing was written for this item; {@code problem} says why. */
        REFUSED;

        public boolean accepted() {
            return this != REFUSED;
        }
    }

    /** An item refused before it reached the catalog: it could not be read, or broke a rule of the listing. */
    public static SyncOutcome refusedItem(int index, String externalId, String problem) {
        return refused(index, externalId, null, problem);
    }

    static SyncOutcome refused(int index, String externalId, String achievementId, String problem) {
        return new SyncOutcome(index, externalId, Outcome.REFUSED, achievementId, problem);
    }
}
