package org.mengkeju.points.award;

import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.events.matching.ProposalStatusChanged;

import java.time.Instant;

import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.Transfer;
import org.mengkeju.points.ledger.TransferReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The award rules applied to events: the schedule in force on the local day of the act says how many points, the
 * annual cap in force how many of them the account may still get this year; the ledger issues them once per event.
 */
@Service
public class PointsAwards {

    private static final Logger log = LoggerFactory.getLogger(PointsAwards.class);

    private final AwardPolicy policy;
    private final AnnualCaps caps;
    private final PointsLedger ledger;
    private final UnawardedParties unawarded;

    PointsAwards(AwardPolicy policy, AnnualCaps caps, PointsLedger ledger, UnawardedParties unawarded) {
        this.policy = policy;
        this.caps = caps;
        this.ledger = ledger;
        this.unawarded = unawarded;
    }

    /**
     * Points for a registered technology contract: its technology transaction amount earns points by the rule in force
     * on the day of registration, split between the seller and the buyer. A party that is not an institution of the
     * platform (no institution id) earns nothing. Each party's award is the transfer
     * {@code contract-registered:<contract>:<party>}, so the same registration delivered again posts nothing more, and a
     * cancellation finds it.
     */
    public Outcome contractRegistered(ReceivedEvent event, ContractRegistered contract) {
        var points = policy.forRegisteredContract(contract.registeredAt(), contract.technologyTransactionAmountYuan());
        Outcome seller = award(event, contract, contract.seller(), "seller", points.map(p -> p.seller()).orElse(0L));
        Outcome buyer = award(event, contract, contract.buyer(), "buyer", points.map(p -> p.buyer()).orElse(0L));
        return seller == Outcome.APPLIED || buyer == Outcome.APPLIED ? Outcome.APPLIED
                : seller == Outcome.DUPLICATE || buyer == Outcome.DUPLICATE ? Outcome.DUPLICATE : Outcome.SKIPPED;
    }

    /**
     * A changed registration (变更) adjusts each party's award to what the new technology transaction amount earns by
     * the rule in force on the day of registration: a top-up (under the annual cap of the registration's year) or a
     * partial take-back, each a transfer named after the change event and the party, so a redelivery posts nothing
     * more. A cancelled or revoked registration takes back what the contract earned: the award is reversed, or, when
     * it was adjusted before, what it still gives is taken back. A party of the platform whose contract earned it nothing
     * when registered gets what the new amount earns as its award; a party from outside the platform is left alone.
     */
    public Outcome contractRegistrationChanged(ReceivedEvent event, ContractRegistrationChanged change) {
        boolean ends = "CANCELLED".equals(change.change()) || "REVOKED".equals(change.change());
        if (!ends && !"CHANGED".equals(change.change())) {
            return Outcome.SKIPPED;
        }
        String note = "registration " + change.registrationNumber() + " " + change.change().toLowerCase(
                java.util.Locale.ROOT) + ": " + change.reason();
        Outcome seller = ends ? takeBack(event, change, "seller", note) : adjust(event, change, "seller", note);
        Outcome buyer = ends ? takeBack(event, change, "buyer", note) : adjust(event, change, "buyer", note);
        return seller == Outcome.APPLIED || buyer == Outcome.APPLIED ? Outcome.APPLIED
                : seller == Outcome.DUPLICATE || buyer == Outcome.DUPLICATE ? Outcome.DUPLICATE : Outcome.SKIPPED;
    }

    private Outcome adjust(ReceivedEvent event, ContractRegistrationChanged change, String side, String note) {
        String up = TransferReason.CONTRACT_CHANGED.effect() + ":" + event.id() + ":" + side;
        String down = TransferReason.AWARD_REDUCED.effect() + ":" + event.id() + ":" + side;
        var reducedBefore = ledger.findTransfer(down);
        if (ledger.findTransfer(up).isPresent() || reducedBefore.isPresent()) {
            reducedBefore.ifPresent(this::giveBack); // in case the first delivery stopped before giving the room back
            return Outcome.DUPLICATE;
        }
        String awardId = contractTransferId(change.contractId(), side);
        var standing = ledger.standingOf(awardId).orElse(null);
        if (standing == null) {
            return firstAward(event, change, awardId, side);
        }
        if (standing.reversed()) {
            return Outcome.SKIPPED;
        }
        Instant registeredAt = standing.occurredAt();
        long target = policy.forRegisteredContract(registeredAt, change.technologyTransactionAmountYuan())
                .map(points -> "seller".equals(side) ? points.seller() : points.buyer()).orElse(0L);
        long delta = target - standing.net();
        if (delta < 0) {
            return givingBack(ledger.takeBackAward(event, down, standing.award(), -delta, note), down);
        }
        if (delta == 0) {
            return Outcome.SKIPPED;
        }
        String holder = standing.award().creditAccountId();
        Long cap = policy.annualCapAt(registeredAt).orElse(null);
        long points = cap == null ? delta : caps.grant(holder, AwardPolicy.yearOf(registeredAt), up, delta, cap);
        if (points == 0) {
            log.info("{} reached its annual cap; {} tops up nothing", holder, up);
            return Outcome.SKIPPED;
        }
        return ledger.topUpAward(event, up, standing.award(), points, note);
    }

    /**
     * A change for a party whose contract earned it nothing when registered: what the new amount earns by the rule of
     * the day of registration, under the cap of that year, becomes the party's award now (the award's own id, so a
     * later change adjusts it and a cancellation finds it). Nothing for a party from outside the platform.
     */
    private Outcome firstAward(ReceivedEvent event, ContractRegistrationChanged change, String awardId, String side) {
        var party = unawarded.find(awardId).orElse(null);
        if (party == null) {
            return Outcome.SKIPPED;
        }
        long points = policy.forRegisteredContract(party.registeredAt(), change.technologyTransactionAmountYuan())
                .map(p -> "seller".equals(side) ? p.seller() : p.buyer()).orElse(0L);
        return capped(event, awardId, party.institutionId(), points, party.registeredAt(),
                TransferReason.CONTRACT_REGISTERED, change.contractId());
    }

    private Outcome takeBack(ReceivedEvent event, ContractRegistrationChanged change, String side, String note) {
        String awardId = contractTransferId(change.contractId(), side);
        var standing = ledger.standingOf(awardId).orElse(null);
        if (standing == null) {
            return Outcome.SKIPPED;
        }
        if (!standing.adjusted()) {
            // the award as it was made, reversed whole
            return givingBack(ledger.reverseAward(event, awardId, note), TransferReason.REVERSAL.effect() + ":"
                    + awardId);
        }
        String down = TransferReason.AWARD_REDUCED.effect() + ":" + event.id() + ":" + side;
        var takenBefore = ledger.findTransfer(down);
        if (standing.reversed() || takenBefore.isPresent()) {
            takenBefore.ifPresent(this::giveBack);
            return Outcome.DUPLICATE;
        }
        return standing.net() > 0 ? givingBack(ledger.takeBackAward(event, down, standing.award(), standing.net(),
                note), down) : Outcome.SKIPPED;
    }

    /** After a take-back posted (now, or on an earlier delivery), its points are room under the cap again. */
    private Outcome givingBack(Outcome takeBack, String takeBackId) {
        if (takeBack != Outcome.SKIPPED) {
            ledger.findTransfer(takeBackId).ifPresent(this::giveBack);
        }
        return takeBack;
    }

    /**
     * Points taken back from a holder's award count no longer against its annual cap: the year of the act the award
     * paid for gets them back, once per take-back (a reduction, a reversal; a voided one gave nothing back).
     */
    private void giveBack(Transfer takeBack) {
        if (!takeBack.state().countsAsPosted()) {
            return;
        }
        Instant at = takeBack.occurredAt() != null ? takeBack.occurredAt() : takeBack.createdAt();
        if (policy.annualCapAt(at).isPresent()) {
            caps.release(takeBack.debitAccountId(), AwardPolicy.yearOf(at), takeBack.id(), takeBack.amount());
        }
    }

    static String contractTransferId(String contractId, String party) {
        return TransferReason.CONTRACT_REGISTERED.effect() + ":" + contractId + ":" + party;
    }

    private Outcome award(ReceivedEvent event, ContractRegistered contract, ContractRegistered.Party party,
            String side, long points) {
        String institutionId = party == null ? null : party.institutionId();
        String awardId = contractTransferId(contract.contractId(), side);
        Outcome awarded = capped(event, awardId, institutionId, points, contract.registeredAt(),
                TransferReason.CONTRACT_REGISTERED, contract.contractId());
        if (awarded == Outcome.SKIPPED && institutionId != null && !institutionId.isBlank()) {
            // no award to find later: a change that raises the amount must still know whom to pay
            unawarded.remember(awardId, institutionId, contract.registeredAt());
        }
        return awarded;
    }

    /**
     * Points for a match that closed won (a proposal's {@code CLOSED_WON}), to the buyer (the demand's owner) and the
     * seller (the achievement's owner), each the transfer {@code match-closed-won:<proposal>:<side>}. Other steps
     * earn nothing.
     */
    public Outcome matchClosedWon(ReceivedEvent event, ProposalStatusChanged step) {
        if (!"CLOSED_WON".equals(step.toStatus())) {
            return Outcome.SKIPPED;
        }
        long points = policy.forMatchClosedWon(step.changedAt()).orElse(0L);
        String prefix = TransferReason.MATCH_CLOSED_WON.effect() + ":" + step.proposalId() + ":";
        Outcome buyer = capped(event, prefix + "buyer", step.demandOwnerInstitutionId(), points, step.changedAt(),
                TransferReason.MATCH_CLOSED_WON, step.proposalId());
        Outcome seller = capped(event, prefix + "seller", step.achievementOwnerInstitutionId(), points,
                step.changedAt(), TransferReason.MATCH_CLOSED_WON, step.proposalId());
        return seller == Outcome.APPLIED || buyer == Outcome.APPLIED ? Outcome.APPLIED
                : seller == Outcome.DUPLICATE || buyer == Outcome.DUPLICATE ? Outcome.DUPLICATE : Outcome.SKIPPED;
    }

    /**
     * Points for the team the poster chose on a challenge list (the {@code CHOOSE} step), to the team's institution,
     * as the transfer {@code challenge-won:<challenge>}: a challenge has one winner.
     */
    public Outcome challengeWon(ReceivedEvent event, ChallengeStepTaken step) {
        if (!"CHOOSE".equals(step.action())) {
            return Outcome.SKIPPED;
        }
        long points = policy.forChallengeWon(step.takenAt()).orElse(0L);
        return capped(event, TransferReason.CHALLENGE_WON.effect() + ":" + step.challengeId(),
                step.applicantInstitutionId(), points, step.takenAt(), TransferReason.CHALLENGE_WON,
                step.challengeId());
    }

    /** An award under the annual cap in force at {@code at}; nothing for a missing account or no points. */
    private Outcome capped(ReceivedEvent event, String transferId, String institutionId, long points, Instant at,
            TransferReason reason, String reference) {
        if (institutionId == null || institutionId.isBlank() || points <= 0) {
            return Outcome.SKIPPED;
        }
        Long cap = policy.annualCapAt(at).orElse(null);
        if (cap != null) {
            if (ledger.transferExists(transferId)) {
                return Outcome.DUPLICATE; // awarded before: its grant may no longer be among the cap's latest
            }
            points = caps.grant(institutionId, AwardPolicy.yearOf(at), transferId, points, cap);
            if (points == 0) {
                log.info("{} reached its annual cap; {} earns it nothing", institutionId, transferId);
                return Outcome.SKIPPED;
            }
        }
        return ledger.award(event, transferId, institutionId, points, reason, reference, at);
    }

    /** Points for an achievement listed at {@code publishedAt} by its owner institution. */
    public Outcome achievementPublished(ReceivedEvent event, String ownerInstitutionId, Instant publishedAt) {
        long points = policy.forPublishedAchievement(publishedAt).orElse(0L);
        if (points == 0) {
            return Outcome.SKIPPED;
        }
        Long cap = policy.annualCapAt(publishedAt).orElse(null);
        if (cap != null) {
            if (ledger.transferExists(event.effectId(TransferReason.ACHIEVEMENT_PUBLISHED.effect()))) {
                return Outcome.DUPLICATE; // awarded before: its grant may no longer be among the cap's latest
            }
            long granted = caps.grant(ownerInstitutionId, AwardPolicy.yearOf(publishedAt), event.id(), points, cap);
            if (granted == 0) {
                log.info("{} reached its annual cap of {} points for {}; {} earns nothing", ownerInstitutionId, cap,
                        AwardPolicy.yearOf(publishedAt), event.subject());
                return Outcome.SKIPPED;
            }
            points = granted;
        }
        return ledger.award(event, ownerInstitutionId, points, TransferReason.ACHIEVEMENT_PUBLISHED);
    }
}
