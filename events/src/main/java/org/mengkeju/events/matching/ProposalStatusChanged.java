package org.mengkeju.events.matching;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A proposal moved on: proposed → contacted → negotiating → closed-won or closed-lost. A {@code CLOSED_WON} is a deal
 * the parties reached: what contract registration and innovation points follow up on.
 *
 * @param proposalId                    matching-service's id of the proposal
 * @param demandId                      the demand
 * @param achievementId                 the catalog's id of the achievement
 * @param demandOwnerInstitutionId      the enterprise behind the demand (the buyer)
 * @param achievementOwnerInstitutionId the institution that owns the achievement (the seller)
 * @param fromStatus                    {@code PROPOSED}, {@code CONTACTED} or {@code NEGOTIATING}
 * @param toStatus                      {@code CONTACTED}, {@code NEGOTIATING}, {@code CLOSED_WON} or
 *                                      {@code CLOSED_LOST}
 * @param actor                         the API client that moved it
 * @param note                          why, in the actor's words; absent when none was given
 * @param version                       the proposal's version after the step
 * @param changedAt                     when (UTC)
 */
public record ProposalStatusChanged(
        String proposalId,
        String demandId,
        String achievementId,
        String demandOwnerInstitutionId,
        String achievementOwnerInstitutionId,
        String fromStatus,
        String toStatus,
        String actor,
        String note,
        long version,
        Instant changedAt) {

    public static final EventContract<ProposalStatusChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.proposal.status-changed.v1", Topics.MATCHING_PROPOSALS,
            ProposalStatusChanged.class);
}
