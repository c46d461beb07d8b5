package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A published achievement was put on the programme of a release session or roadshow (专题发布会/路演).
 *
 * @param sessionId          the session
 * @param achievementId      the achievement listed in it
 * @param ownerInstitutionId the institution that owns the achievement
 * @param listedBy           the API client that listed it
 * @param listedAt           when it was listed (UTC)
 */
public record AchievementListedInSession(
        String sessionId,
        String achievementId,
        String ownerInstitutionId,
        String listedBy,
        Instant listedAt) {

    public static final EventContract<AchievementListedInSession> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.session.listed.v1", Topics.CATALOG_SESSIONS, AchievementListedInSession.class);
}
