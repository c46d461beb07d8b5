package org.mengkeju.matching.proposal;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.mengkeju.events.matching.ProposalMade;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.matching.match.Match;
import org.mengkeju.matching.match.MatchReason;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A match that became a proposal (对接建议): an achievement put to the enterprise behind a demand, with the reasons it
 * fit at the time. One per pair of demand and achievement (a unique index), so proposing it again, by hand or by a
 * replayed event, finds the first. Its id starts with the time it was made, so ids list proposals in order.
 */
@Document("proposals")
@CompoundIndex(name = "one_per_pair", def = "{'demandId': 1, 'achievementId': 1}", unique = true)
public class Proposal extends OutboxAggregate {

    /** The actor of proposals matching made by itself. */
    static final String SYSTEM_ACTOR = "matching-service";

    @Id
    private final String id;
    private final String demandId;
    private final String achievementId;
    private final String demandOwnerInstitutionId;
    private final String achievementOwnerInstitutionId;
    private final String demandRegionCode;
    private final int score;
    private final List<MatchReason> reasons;
    private final String proposedBy;
    private final Instant proposedAt;
    private ProposalStatus status;
    private Instant statusChangedAt;
    private String lastNote;
    @Version
    private Long version;

    @PersistenceCreator
    Proposal(String id, String demandId, String achievementId, String demandOwnerInstitutionId,
            String achievementOwnerInstitutionId, String demandRegionCode, int score, List<MatchReason> reasons,
            String proposedBy, Instant proposedAt, ProposalStatus status, Instant statusChangedAt, String lastNote,
            Long version) {
        this.id = id;
        this.demandId = demandId;
        this.achievementId = achievementId;
        this.demandOwnerInstitutionId = demandOwnerInstitutionId;
        this.achievementOwnerInstitutionId = achievementOwnerInstitutionId;
        this.demandRegionCode = demandRegionCode;
        this.score = score;
        this.reasons = reasons == null ? List.of() : List.copyOf(reasons);
        this.proposedBy = proposedBy;
        this.proposedAt = proposedAt;
        this.status = status;
        this.statusChangedAt = statusChangedAt;
        this.lastNote = lastNote;
        this.version = version;
    }

    /** A new proposal of {@code match}; records {@link ProposalMade}. */
    static Proposal make(String demandId, String demandOwner, String demandRegion, String achievementId,
            String achievementOwner, Match match, String proposedBy, String note, Instant now) {
        String id = "prp-" + String.format("%013d", now.toEpochMilli()) + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Proposal proposal = new Proposal(id, demandId, achievementId, demandOwner, achievementOwner, demandRegion,
                match.score(), match.reasons(), proposedBy, now, ProposalStatus.PROPOSED, now, note, null);
        proposal.record(ProposalMade.CONTRACT, id, new ProposalMade(id, demandId, achievementId, demandOwner,
                achievementOwner, match.score(), proposedBy, 0, now), now);
        return proposal;
    }

    /**
     * Moves the proposal on; the status it has already changes nothing.
     *
     * @return whether this call changed it
     * @throws IllegalStateException when the move goes back or the proposal is closed
     */
    boolean moveTo(ProposalStatus target, String actor, String note, Instant now) {
        if (target == status) {
            return false;
        }
        if (!status.mayMoveTo(target)) {
            throw new IllegalStateException("proposal " + id + " is " + status + " and cannot move to " + target);
        }
        ProposalStatus from = status;
        status = target;
        statusChangedAt = now;
        lastNote = note;
        record(ProposalStatusChanged.CONTRACT, id, new ProposalStatusChanged(id, demandId, achievementId,
                demandOwnerInstitutionId, achievementOwnerInstitutionId, from.name(), target.name(), actor, note,
                version == null ? 0 : version + 1, now), now);
        return true;
    }

    public String id() {
        return id;
    }

    public String demandId() {
        return demandId;
    }

    public String achievementId() {
        return achievementId;
    }

    public String demandOwnerInstitutionId() {
        return demandOwnerInstitutionId;
    }

    public String achievementOwnerInstitutionId() {
        return achievementOwnerInstitutionId;
    }

    public String demandRegionCode() {
        return demandRegionCode;
    }

    public int score() {
        return score;
    }

    public List<MatchReason> reasons() {
        return reasons;
    }

    public String proposedBy() {
        return proposedBy;
    }

    public Instant proposedAt() {
        return proposedAt;
    }

    public ProposalStatus status() {
        return status;
    }

    public Instant statusChangedAt() {
        return statusChangedAt;
    }

    public String lastNote() {
        return lastNote;
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
