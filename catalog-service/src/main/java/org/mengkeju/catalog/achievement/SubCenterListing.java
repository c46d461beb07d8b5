package org.mengkeju.catalog.achievement;

/**
 * One listing of a sub-center's batch upload, as the sub-center keeps it: its own id, the owner, and either the
 * content or the wish to withdraw it.
 *
 * @param index   the item's place in the batch, from 0, to name it in the answer
 * @param details the content; null when withdrawing
 */
public record SubCenterListing(int index, String externalId, String ownerInstitutionId, AchievementDetails details,
        boolean withdrawn) {
}
