package org.mengkeju.events.matching;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A match became a proposal (对接建议): an achievement put to the enterprise behind a demand, by a broker, one of the
 * parties, or by matching itself when a new achievement fit an open demand.
 *
 * @param proposalId                 matching-service's id of the proposal, ordered by creation
 * @param demandId                   the demand
 * @param achievementId              the catalog's id of the achievement
 * @param demandOwnerInstitutionId   the enterprise behind the demand
 * @param achievementOwnerInstitutionId the institution that owns the achievement
 * @param score                      the match's score when proposed (the sum of its reasons' points)
 * @param proposedBy                 the API client that proposed it, or {@code matching-service}
 * @param version                    the proposal's version (0)
 * @param proposedAt                 when (UTC)
 */
public record ProposalMade(
        String proposalId,
        String demandId,
        String achievementId,
        String demandOwnerInstitutionId,
        String achievementOwnerInstitutionId,
        int score,
        String proposedBy,
        long version,
        Instant proposedAt) {

    public static final EventContract<ProposalMade> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.proposal.made.v1", Topics.MATCHING_PROPOSALS, ProposalMade.class);
}
