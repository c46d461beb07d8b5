package org.mengkeju.matching.supply;

/**
 * Inside this service only: the index's copy of an achievement changed (for the search index to follow), with the copy
 * as that change left it, so that a follower need not read it back.
 */
public record OfferedAchievementChanged(String achievementId, OfferedAchievement copy) {
}
