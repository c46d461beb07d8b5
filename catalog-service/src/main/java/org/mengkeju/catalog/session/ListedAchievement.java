package org.mengkeju.catalog.session;

import java.time.Instant;

/** An achievement on a session's programme: which one, whose, who put it there and when. */
public record ListedAchievement(String achievementId, String ownerInstitutionId, String listedBy, Instant listedAt) {
}
