package org.mengkeju.catalog.achievement;

import java.util.Optional;

/**
 * Something else in the catalog a published listing is committed to, such as a lot open for sale (挂牌): while one
 * holds, the listing cannot be withdrawn, or buyers would bid on, or be awarded, what is no longer offered. Features
 * that commit a listing provide one; the achievement package does not know them.
 */
public interface ListingHold {

    /** Why {@code achievementId} cannot be withdrawn now, or empty when this hold does not apply. */
    Optional<String> holding(String achievementId);
}
