package org.mengkeju.matching.proposal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.matching.demand.Demand;
import org.mengkeju.matching.demand.DemandBoard;
import org.mengkeju.matching.demand.DemandStatus;
import org.mengkeju.matching.match.Match;
import org.mengkeju.matching.match.MatchScorer;
import org.mengkeju.matching.match.Matchmaker;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.supply.OfferedAchievement;
import org.mengkeju.matching.supply.OfferedAchievements;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * The use cases on proposals: a broker or a party proposes a match, matching proposes new achievements to the open
 * demands they fit as they arrive, the demand's side lists what was proposed since a cursor, the parties move a
 * proposal on. Who may do what is decided here.
 */
@Service
public class ProposalDesk {

    private static final Logger log = LoggerFactory.getLogger(ProposalDesk.class);
    public static final int MAX_PAGE = 200;

    private final Proposals proposals;
    private final DemandBoard demands;
    private final OfferedAchievements achievements;
    private final OutboxAggregates aggregates;
    private final Clock clock;
    private final int automaticMinScore;

    ProposalDesk(Proposals proposals, DemandBoard demands, OfferedAchievements achievements,
            OutboxAggregates aggregates, Clock clock,
            @Value("${mengkeju.matching.proposals.automatic-min-score:60}") int automaticMinScore) {
        this.proposals = proposals;
        this.demands = demands;
        this.achievements = achievements;
        this.aggregates = aggregates;
        this.clock = clock;
        this.automaticMinScore = automaticMinScore;
    }

    /** What a propose call returns: the proposal, and whether this call made it. */
    public record Proposed(Proposal proposal, boolean created) {
    }

    /**
     * Proposes a public achievement for a demand that is open or matched. The demand's owner, a broker of its
     * league-city, an operator, or the achievement's owner may; the pair is proposed once, whoever asks again gets
     * the first.
     */
    public Proposed propose(CallerIdentity caller, String demandId, String achievementId, String note) {
        Demand demand = demands.get(caller, demandId);
        OfferedAchievement achievement = achievements.offered(achievementId)
                .orElseThrow(() -> ApiProblem.notFound("public achievement", achievementId));
        if (!demands.worksOn(caller, demand) && !ownsAchievement(caller, achievement.ownerInstitutionId())) {
            throw ApiProblem.forbidden("only the demand's owner, a broker of " + demand.region().value()
                    + ", an operator or the achievement's owner " + achievement.ownerInstitutionId() + " proposes it");
        }
        if (demand.status() != DemandStatus.OPEN && demand.status() != DemandStatus.MATCHED) {
            throw ApiProblem.conflict("demand-not-open", "Demand not open",
                    "demand " + demandId + " is " + demand.status() + "; proposals go to open or matched demands");
        }
        Offered offered = Matchmaker.offered(achievement);
        Match match = MatchScorer.achievementFor(Matchmaker.wanted(demand), offered)
                .orElse(new Match(achievementId, 0, List.of()));
        return insertOnce(Proposal.make(demandId, demand.ownerInstitutionId(), demand.region().value(),
                achievementId, achievement.ownerInstitutionId(), match, caller.clientId(), note, clock.instant()));
    }

    /**
     * Proposes an achievement that became public to every open demand it fits well enough. Safe to repeat: each pair
     * is proposed once, so a redelivered or replayed event adds nothing, and one interrupted halfway finishes the rest.
     */
    public Outcome proposeToOpenDemands(AchievementChanged changed) {
        if (!OfferedAchievement.isPublicStatus(changed.toStatus())) {
            return Outcome.SKIPPED;
        }
        boolean supersededByWithdrawal = achievements.held(changed.achievementId())
                .filter(held -> held.catalogVersion() > changed.version() && !held.offered()).isPresent();
        if (supersededByWithdrawal) {
            // A replayed or late copy of a listing that has left public view since: propose nothing.
            return Outcome.SKIPPED;
        }
        Offered offered = Matchmaker.offered(changed);
        int made = 0;
        for (Demand demand : demands.seekingSolutions()) {
            Optional<Match> match = MatchScorer.demandFor(offered, Matchmaker.wanted(demand))
                    .filter(m -> m.score() >= automaticMinScore);
            if (match.isPresent() && insertOnce(Proposal.make(demand.id(), demand.ownerInstitutionId(),
                    demand.region().value(), changed.achievementId(), changed.ownerInstitutionId(),
                    new Match(changed.achievementId(), match.get().score(), match.get().reasons()),
                    Proposal.SYSTEM_ACTOR, null, clock.instant())).created()) {
                made++;
            }
        }
        return made > 0 ? Outcome.APPLIED : Outcome.SKIPPED;
    }

    /** The proposals made for a demand after {@code after} (a proposal id), oldest first; for those who work on it. */
    public List<Proposal> forDemand(CallerIdentity caller, String demandId, String after, int limit) {
        Demand demand = demands.get(caller, demandId);
        if (!demands.worksOn(caller, demand)) {
            throw ApiProblem.forbidden("only the demand's owner, a broker of " + demand.region().value()
                    + " or an operator lists its proposals");
        }
        return proposals.findByDemandIdAndIdGreaterThanOrderByIdAsc(demandId, after == null ? "" : after,
                PageRequest.of(0, limit));
    }

    /** When each demand got its first proposal; for dashboards. */
    public java.util.Map<String, java.time.Instant> firstProposalTimes() {
        java.util.Map<String, java.time.Instant> first = new java.util.HashMap<>();
        for (Proposal proposal : proposals.findAll()) {
            first.merge(proposal.demandId(), proposal.proposedAt(), (a, b) -> a.isBefore(b) ? a : b);
        }
        return first;
    }

    public Proposal get(CallerIdentity caller, String proposalId) {
        return proposals.findById(proposalId).filter(p -> isParty(caller, p))
                .orElseThrow(() -> ApiProblem.notFound("proposal", proposalId));
    }

    /** A party moves the proposal on; the status it has already returns it unchanged. */
    public Proposal changeStatus(CallerIdentity caller, String proposalId, ProposalStatus target, String note) {
        Proposal proposal = get(caller, proposalId);
        if (target != proposal.status() && !proposal.status().mayMoveTo(target)) {
            throw ApiProblem.conflict("proposal-status-not-allowed", "Status change not allowed", "proposal "
                    + proposalId + " is " + proposal.status() + " and cannot move to " + target
                    + " (proposed → contacted → negotiating → closed won or lost, forward only)");
        }
        if (!proposal.moveTo(target, caller.clientId(), note, clock.instant())) {
            return proposal;
        }
        try {
            Proposal saved = aggregates.save(proposal);
            log.info("proposal {} {} by {}", proposalId, target, caller.clientId());
            return saved;
        } catch (OptimisticLockingFailureException concurrent) {
            throw ApiProblem.conflict("proposal-changed", "Proposal changed meanwhile", "proposal " + proposalId
                    + " was changed meanwhile; read it again and retry");
        }
    }

    /** The buyer and seller institutions, operators, and brokers of the demand's league-city. */
    static boolean isParty(CallerIdentity caller, Proposal proposal) {
        return caller.is(Role.OPERATOR)
                || (caller.is(Role.PARTNER) && (proposal.demandOwnerInstitutionId().equals(caller.institutionId())
                        || proposal.achievementOwnerInstitutionId().equals(caller.institutionId())))
                || (caller.is(Role.BROKER) && (caller.regionCode() == null
                        || caller.regionCode().equals(proposal.demandRegionCode())));
    }

    private static boolean ownsAchievement(CallerIdentity caller, String owner) {
        return caller.is(Role.PARTNER) && owner.equals(caller.institutionId());
    }

    private Proposed insertOnce(Proposal proposal) {
        try {
            Proposal saved = proposals.insert(proposal);
            log.info("proposal {}: achievement {} for demand {} by {}", saved.id(), saved.achievementId(),
                    saved.demandId(), saved.proposedBy());
            return new Proposed(saved, true);
        } catch (DuplicateKeyException proposedBefore) {
            return new Proposed(proposals.findByDemandIdAndAchievementId(proposal.demandId(),
                    proposal.achievementId()).orElseThrow(() -> proposedBefore), false);
        }
    }
}
