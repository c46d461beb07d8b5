package org.mengkeju.matching.proposal;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.matching.match.MatchReason;

/** The HTTP shapes of proposals. */
final class ProposalViews {

    private ProposalViews() {
    }

    record Propose(
            @NotNull @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be an achievement id")
            String achievementId,
            @Size(max = 2000) String note) {
    }

    record ChangeStatus(@NotNull ProposalStatus status, @Size(max = 2000) String note) {
    }

    record ReasonView(MatchReason.Kind kind, String text, int points) {
    }

    /** A proposal with the reasons it was made for. */
    record ProposalView(String proposalId, String demandId, String achievementId, String demandOwnerInstitutionId,
            String achievementOwnerInstitutionId, int score, List<ReasonView> reasons, String proposedBy,
            Instant proposedAt, ProposalStatus status, Instant statusChangedAt, String note, Long version) {

        static ProposalView of(Proposal p) {
            return new ProposalView(p.id(), p.demandId(), p.achievementId(), p.demandOwnerInstitutionId(),
                    p.achievementOwnerInstitutionId(), p.score(),
                    p.reasons().stream().map(r -> new ReasonView(r.kind(), r.text(), r.points())).toList(),
                    p.proposedBy(), p.proposedAt(), p.status(), p.statusChangedAt(), p.lastNote(), p.version());
        }
    }

    /** Proposals after a cursor; pass {@code next} as {@code after} for the following ones, absent at the end. */
    record ProposalPage(List<ProposalView> items, String next) {
    }
}
