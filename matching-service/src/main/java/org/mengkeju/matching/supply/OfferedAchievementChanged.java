package org.mengkeju.matching.supply;

/** Inside this service only: the index's copy of an achievement changed (for the search index to follow). */
public record OfferedAchievementChanged(String achievementId) {
}
