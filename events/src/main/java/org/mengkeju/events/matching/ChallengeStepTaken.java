package org.mengkeju.events.matching;

import java.math.BigDecimal;
import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A step on a challenge list (揭榜挂帅): a team applied, the poster shortlisted an application, or chose one. The
 * proposal itself stays in matching-service, seen only by the poster and operators.
 *
 * @param challengeId            matching-service's id of the challenge
 * @param action                 {@code APPLY}, {@code SHORTLIST} or {@code CHOOSE}
 * @param applicationId          the application the step is about
 * @param applicantInstitutionId the institution of the applying team
 * @param applicationStatus      the application's status after the step: {@code SUBMITTED}, {@code SHORTLISTED},
 *                               {@code CHOSEN}
 * @param challengeStatus        the challenge's status after the step: {@code OPEN} or {@code AWARDED}
 * @param rewardYuan             the challenge's reward in yuan
 * @param actor                  the API client that took the step
 * @param version                the challenge's version after the step
 * @param takenAt                when it happened (UTC)
 */
public record ChallengeStepTaken(
        String challengeId,
        String action,
        String applicationId,
        String applicantInstitutionId,
        String applicationStatus,
        String challengeStatus,
        BigDecimal rewardYuan,
        String actor,
        long version,
        Instant takenAt) {

    public static final EventContract<ChallengeStepTaken> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.challenge.step-taken.v1", Topics.MATCHING_CHALLENGES, ChallengeStepTaken.class);
}
