package org.mengkeju.catalog.achievement;

import java.time.Instant;

/**
 * One step in a listing's history: what was done, by whom, when, and with what note.
 *
 * @param note the reviewer's comments, the rejection or withdrawal reason; null when none was given
 */
public record LifecycleStep(LifecycleAction action, AchievementStatus from, AchievementStatus to, String actor,
        String note, Instant at) {
}
