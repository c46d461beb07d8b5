package org.mengkeju.catalog.achievement;

/** Where a listing is in its life. Transitions live on {@link Achievement}. */
public enum AchievementStatus {
    /** Entered by its owner, not visible to the public. */
    DRAFT,
    /** Publicly listed (公开发布). */
    PUBLISHED
}
