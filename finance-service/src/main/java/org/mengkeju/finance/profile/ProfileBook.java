package org.mengkeju.finance.profile;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Builds enterprise profiles from the platform's events and keeps the facts the enterprise or an operator adds
 * (consent, high-tech status). Each method is one atomic update per profile and says which profiles it touched,
 * so the caller can qualify them.
 */
@Service
public class ProfileBook {

    private static final Logger log = LoggerFactory.getLogger(ProfileBook.class);

    private final Profiles profiles;
    private final Clock clock;

    ProfileBook(Profiles profiles, Clock clock) {
        this.profiles = profiles;
        this.clock = clock;
    }

    /** A registered contract counts for both parties that are on the platform. */
    public List<String> contractRegistered(ContractRegistered registered) {
        List<String> touched = new ArrayList<>(2);
        Instant now = clock.instant();
        addParty(registered, registered.seller(), "SELLER", now, touched);
        addParty(registered, registered.buyer(), "BUYER", now, touched);
        return touched;
    }

    private void addParty(ContractRegistered registered, ContractRegistered.Party party, String side, Instant now,
            List<String> touched) {
        if (party == null || party.institutionId() == null) {
            return; // not on the platform: no profile to keep, nobody to consent
        }
        ContractFact fact = new ContractFact(registered.contractId(), registered.registrationNumber(), side,
                registered.contractAmountYuan(), registered.technologyTransactionAmountYuan(),
                registered.registeredAt(), false);
        if (profiles.addContract(party.institutionId(), fact, new PartyFacts(party.name(), party.creditCode(),
                party.regionCode()), now)) {
            log.info("profile {}: contract {} registered as {}", party.institutionId(), registered.registrationNumber(),
                    side);
        }
        touched.add(party.institutionId());
    }

    /** A changed registration corrects the amounts; a cancelled or revoked one stops counting. */
    public List<String> contractRegistrationChanged(ContractRegistrationChanged changed) {
        boolean cancelled = !"CHANGED".equals(changed.change());
        return profiles.changeContract(changed.contractId(), changed.contractAmountYuan(),
                changed.technologyTransactionAmountYuan(), cancelled, clock.instant());
    }

    /** The owner's achievement at its newest version. */
    public List<String> achievementChanged(AchievementChanged changed) {
        if (changed.ownerInstitutionId() == null) {
            return List.of();
        }
        List<String> grantedPatents = changed.ipItems() == null ? List.of() : changed.ipItems().stream()
                .filter(AchievementChanged.IpItem::countsAsGrantedPatent).map(AchievementChanged.IpItem::number).toList();
        profiles.putAchievement(changed.ownerInstitutionId(), new AchievementFact(changed.achievementId(),
                changed.toStatus(), changed.version(), grantedPatents), changed.regionCode(), clock.instant());
        return List.of(changed.ownerInstitutionId());
    }

    /** Points credited to the enterprise's account (its account id is its institution id). */
    public List<String> pointsPosted(PointsPosted posted) {
        profiles.putPoints(posted.accountId(), posted.transferId(), posted.points(), clock.instant());
        return List.of(posted.accountId());
    }

    /** Points that left the account count against it, under the debiting transfer's id (so once). */
    public List<String> pointsDebited(PointsDebited debited) {
        profiles.putPoints(debited.accountId(), debited.transferId(), -debited.points(), clock.instant());
        return List.of(debited.accountId());
    }

    public List<String> institutionRegistered(InstitutionRegistered registered) {
        profiles.putInstitution(registered.institutionId(), new PartyFacts(registered.name(),
                registered.creditCode(), registered.regionCode()), registered.type(), clock.instant());
        return List.of(registered.institutionId());
    }

    /** Records the high-tech certificate an operator checked. */
    public void recordHighTech(String enterpriseId, String certificateNumber, LocalDate validUntil, String by) {
        profiles.putHighTech(enterpriseId, new HighTechStatus(certificateNumber, validUntil, by), clock.instant());
        log.info("profile {}: high-tech certificate {} valid until {} recorded by {}", enterpriseId,
                certificateNumber, validUntil, by);
    }

    public void grantConsent(String enterpriseId, String by) {
        Instant now = clock.instant();
        profiles.putConsent(enterpriseId, new Consent(true, now, by, true), now);
        log.info("profile {}: consent to share granted by {}", enterpriseId, by);
    }

    /** Records the withdrawal, unsettled; {@link #settleWithdrawal} follows once the leads are withdrawn. */
    public Consent withdrawConsent(String enterpriseId, String by) {
        Instant now = clock.instant();
        Consent consent = new Consent(false, now, by, false);
        profiles.putConsent(enterpriseId, consent, now);
        log.info("profile {}: consent to share withdrawn by {}", enterpriseId, by);
        return consent;
    }

    public void settleWithdrawal(String enterpriseId, Consent withdrawal) {
        profiles.settleWithdrawal(enterpriseId, withdrawal.changedAt());
    }

    public List<EnterpriseProfile> unsettledWithdrawals(int limit) {
        return profiles.unsettledWithdrawals(limit);
    }

    /** Whether the enterprise consents to be a lead, without reading its facts. */
    public boolean consents(String enterpriseId) {
        return profiles.consents(enterpriseId);
    }

    public java.util.Optional<EnterpriseProfile> find(String enterpriseId) {
        return profiles.find(enterpriseId);
    }
}
