package org.mengkeju.finance.profile;

/** An achievement (科技成果) the enterprise owns, at the newest version of it the profile saw. */
public record AchievementFact(String achievementId, String status, long version) {
}
