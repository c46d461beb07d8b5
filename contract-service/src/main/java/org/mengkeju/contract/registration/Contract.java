package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.contract.ContractStatusChanged;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A technology contract submitted for registration (技术合同认定登记), from submission to its registration number or
 * its refusal. The aggregate holds the terms as submitted, the amounts it computed, where review stands, and records
 * an event for every step; the platform writes state and events in one document update.
 *
 * <p>Registering is two steps so that a number is never lost: {@link #beginRegistration} (to
 * {@link ContractStatus#REGISTERING}, under the version check, so only one reviewer gets there), then a serial is
 * reserved for this contract on its registration point's counter, then {@link #completeRegistration} writes it.
 * A crash in between leaves the reservation, and the contract is completed with that very number.
 */
@Document("contracts")
@CompoundIndex(name = "submission_idempotency", def = "{'submittedBy': 1, 'idempotencyKey': 1}", unique = true)
public class Contract extends OutboxAggregate {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The actor of the service's own steps (the achievement check). */
    public static final String SERVICE_ACTOR = "contract-service";

    @Id
    private String id;
    private ContractStatus status;
    private ContractTerms terms;
    private BigDecimal nonTechnicalCostsYuan;
    private BigDecimal technologyTransactionAmountYuan;
    /** The league-city of the seller, whose registration institutions handle the contract. */
    private String registrationRegionCode;
    /** The rules in force when it was submitted, by their effective date. */
    private LocalDate rulesEffectiveFrom;
    private boolean expertReviewRequired;
    private Instant expertReviewedAt;
    private String expertReviewedBy;
    private AchievementCheckState achievementCheck;
    private List<String> unknownAchievementIds;
    /** Why achievements the catalog knows do not fit the contract ({@code "<id>: <reason>"}). */
    private List<String> achievementMismatches;
    private int achievementCheckAttempts;
    private Instant nextAchievementCheckAt;
    private String submittedBy;
    /** The returned contract this one corrects (退回补正后重新提交), if any. */
    private String correctsContractId;
    /** The final deal of the catalog's market (挂牌/竞价成交) this contract was drawn up from, if any. */
    private String dealId;
    private String idempotencyKey;
    private String requestFingerprint;
    private Instant submittedAt;
    /** The registration institution that accepted it for review and registers it. */
    private String registrationInstitutionId;
    private Instant acceptedAt;
    /** The last day of the review deadline, in working days from acceptance or from the documents' arrival. */
    private LocalDate reviewDueOn;
    /** Set while the reviewer waits for missing documents (补正材料): the deadline is stopped. */
    private Instant awaitingDocumentsSince;
    private List<RefusalReason> reasons;
    private String note;
    private Instant decidedAt;
    private String decidedBy;
    /** The serial counter its number is reserved on while it is registering, e.g. {@code tcr-150100-01/2026}. */
    private String registrationCounter;
    private String registrationNumber;
    private Instant registeredAt;
    /** Changes, cancellations and revocations after registration, oldest first. */
    private List<Amendment> amendments;
    @Version
    private Long version;

    Contract() {
    }

    /** A contract submitted by {@code submitter} (the seller side, or a registration desk keying in a paper one). */
    static Contract submit(ContractId id, ContractTerms terms, RegistrationPolicy.Rules rules, String submitter,
            String idempotencyKey, String requestFingerprint, Instant now, Instant checkAgainAt, String corrects,
            String dealId) {
        TechnologyTransactionAmount amount = terms.checked(rules);
        Contract contract = new Contract();
        contract.id = id.value();
        contract.status = ContractStatus.SUBMITTED;
        contract.terms = terms;
        contract.nonTechnicalCostsYuan = amount.nonTechnicalCostsYuan();
        contract.technologyTransactionAmountYuan = amount.amountYuan();
        contract.registrationRegionCode = terms.seller().leagueCity();
        contract.rulesEffectiveFrom = rules.effectiveFrom();
        contract.expertReviewRequired = amount.amountYuan().compareTo(rules.expertReviewThresholdYuan()) >= 0;
        contract.achievementCheck = terms.achievementIds().isEmpty()
                ? AchievementCheckState.NOT_NEEDED : AchievementCheckState.PENDING;
        contract.unknownAchievementIds = List.of();
        contract.nextAchievementCheckAt = contract.achievementCheck == AchievementCheckState.PENDING
                ? checkAgainAt : null;
        contract.submittedBy = submitter;
        contract.idempotencyKey = idempotencyKey;
        contract.requestFingerprint = requestFingerprint;
        contract.submittedAt = now;
        contract.correctsContractId = corrects;
        contract.dealId = dealId;
        contract.reasons = List.of();
        contract.recordStep("SUBMIT", null, submitter, now);
        return contract;
    }

    /** The catalog knows every achievement. Changes nothing unless the check was open. */
    boolean achievementsVerified(Instant now) {
        if (!checkOpen()) {
            return false;
        }
        achievementCheck = AchievementCheckState.VERIFIED;
        unknownAchievementIds = List.of();
        nextAchievementCheckAt = null;
        recordStep("ACHIEVEMENTS_VERIFIED", status, SERVICE_ACTOR, now);
        return true;
    }

    /** The catalog does not know {@code unknown}: the reviewer sees it and returns the contract for correction. */
    boolean achievementsNotFound(List<String> unknown, Instant now) {
        if (!checkOpen()) {
            return false;
        }
        achievementCheck = AchievementCheckState.NOT_FOUND;
        unknownAchievementIds = List.copyOf(unknown);
        nextAchievementCheckAt = null;
        recordStep("ACHIEVEMENTS_NOT_FOUND", status, SERVICE_ACTOR, "not in the catalog: " + String.join(", ", unknown),
                now);
        return true;
    }

    /** The catalog knows them, but {@code mismatches} say why some do not fit the contract. */
    boolean achievementsMismatched(List<String> mismatches, Instant now) {
        if (!checkOpen()) {
            return false;
        }
        achievementCheck = AchievementCheckState.MISMATCH;
        achievementMismatches = List.copyOf(mismatches);
        nextAchievementCheckAt = null;
        recordStep("ACHIEVEMENTS_MISMATCHED", status, SERVICE_ACTOR, String.join("; ", mismatches), now);
        return true;
    }

    /** The catalog could not be asked: the check stays pending and is tried again at {@code retryAt}. */
    void achievementCheckDeferred(Instant retryAt) {
        achievementCheckAttempts++;
        nextAchievementCheckAt = retryAt;
    }

    private boolean checkOpen() {
        return achievementCheck == AchievementCheckState.PENDING;
    }

    /**
     * 受理: a registration institution of the seller's region takes it up; the review deadline runs from today, 15
     * working days, or 30 when an expert review is needed (the values of the rules it was submitted under).
     */
    void acceptForReview(String institutionId, String actor, Instant now, RegistrationPolicy.Rules rules,
            WorkingCalendar calendar) {
        require(EnumSet.of(ContractStatus.SUBMITTED), "accept for review");
        ContractStatus from = status;
        status = ContractStatus.UNDER_REVIEW;
        registrationInstitutionId = institutionId;
        acceptedAt = now;
        reviewDueOn = deadlineFrom(now, rules, calendar);
        recordStep("ACCEPT_FOR_REVIEW", from, actor, now);
    }

    /** Missing documents are requested: the deadline stops until they arrive. */
    void requestDocuments(String text, String actor, Instant now) {
        require(EnumSet.of(ContractStatus.UNDER_REVIEW), "request documents for");
        if (awaitingDocumentsSince != null) {
            throw new StepRefused("documents-already-requested", "documents for contract " + id
                    + " were requested at " + awaitingDocumentsSince + " and have not arrived yet");
        }
        if (text == null || text.isBlank()) {
            throw new RuleViolation("documents-not-named", "note", "name the documents that are missing");
        }
        awaitingDocumentsSince = now;
        reviewDueOn = null;
        recordStep("REQUEST_DOCUMENTS", status, actor, text, now);
    }

    /** The requested documents arrived: the review deadline starts again, in full, from today. */
    void documentsReceived(String actor, Instant now, RegistrationPolicy.Rules rules, WorkingCalendar calendar) {
        require(EnumSet.of(ContractStatus.UNDER_REVIEW), "record documents for");
        if (awaitingDocumentsSince == null) {
            throw new StepRefused("no-documents-requested", "no documents were requested for contract " + id);
        }
        awaitingDocumentsSince = null;
        reviewDueOn = deadlineFrom(now, rules, calendar);
        recordStep("DOCUMENTS_RECEIVED", status, actor, null, now);
    }

    private LocalDate deadlineFrom(Instant now, RegistrationPolicy.Rules rules, WorkingCalendar calendar) {
        return calendar.addWorkingDays(LocalDate.ofInstant(now, CHINA),
                expertReviewRequired ? rules.expertReviewWorkingDays() : rules.reviewWorkingDays());
    }

    /** Whether its review is past its deadline on {@code today} (not while documents are awaited). */
    public boolean overdueOn(LocalDate today) {
        return status == ContractStatus.UNDER_REVIEW && awaitingDocumentsSince == null && reviewDueOn != null
                && today.isAfter(reviewDueOn);
    }

    /** 退回补正: back to the seller side for correction, with the reasons. */
    void returnForCorrection(List<RefusalReason> why, String text, String actor, Instant now) {
        require(EnumSet.of(ContractStatus.SUBMITTED, ContractStatus.UNDER_REVIEW), "return");
        decide(ContractStatus.RETURNED, "RETURN", why, text, actor, now);
    }

    /** 不予登记: refused, marked 未予登记, with one or more coded reasons. */
    void refuse(List<RefusalReason> why, String text, String actor, Instant now) {
        require(EnumSet.of(ContractStatus.UNDER_REVIEW), "refuse");
        decide(ContractStatus.REFUSED, "REFUSE", why, text, actor, now);
    }

    /** The second, expert review a large technology transaction amount needs has been held and passed. */
    void recordExpertReview(String actor, Instant now) {
        require(EnumSet.of(ContractStatus.UNDER_REVIEW), "record an expert review");
        if (!expertReviewRequired) {
            throw new RuleViolation("expert-review-not-required", "decision", "contract " + id
                    + " has a technology transaction amount below the expert-review threshold");
        }
        expertReviewedAt = now;
        expertReviewedBy = actor;
        recordStep("EXPERT_REVIEW_PASSED", status, actor, now);
    }

    /**
     * First step of registering: only a contract under review whose achievements are verified and whose expert
     * review (when required) passed. A contract already {@link ContractStatus#REGISTERING} stays so: the number
     * reserved for it is then written by {@link #completeRegistration}.
     *
     * @return whether this call moved it (false: it was registering already)
     */
    boolean beginRegistration(String actor, String counter) {
        if (status == ContractStatus.REGISTERING) {
            return false;
        }
        require(EnumSet.of(ContractStatus.UNDER_REVIEW), "register");
        if (achievementCheck == AchievementCheckState.PENDING) {
            throw new StepRefused("achievements-unverified", "the achievements of contract " + id
                    + " are not yet verified against the catalog; it is checked again automatically");
        }
        if (achievementCheck == AchievementCheckState.NOT_FOUND) {
            throw new StepRefused("achievements-not-found", "the catalog does not know " + unknownAchievementIds
                    + "; return contract " + id + " for correction");
        }
        if (achievementCheck == AchievementCheckState.MISMATCH) {
            throw new StepRefused("achievements-mismatched", "the achievements of contract " + id
                    + " do not fit it (" + String.join("; ", achievementMismatches()) + "); return it for correction");
        }
        if (awaitingDocumentsSince != null) {
            throw new StepRefused("documents-awaited", "documents requested for contract " + id + " at "
                    + awaitingDocumentsSince + " have not arrived");
        }
        if (expertReviewRequired && expertReviewedAt == null) {
            throw new StepRefused("expert-review-required", "contract " + id + " has a technology transaction amount"
                    + " of " + technologyTransactionAmountYuan.toPlainString() + " yuan, at or above the threshold"
                    + " of the rules in force from " + rulesEffectiveFrom + ": record the expert review first");
        }
        status = ContractStatus.REGISTERING;
        registrationCounter = counter;
        decidedBy = actor;
        return true;
    }

    /** Writes the reserved number: registered, with both amounts, and the events consumers rely on. */
    boolean completeRegistration(RegistrationNumber number, Instant now) {
        if (status == ContractStatus.REGISTERED) {
            return false;
        }
        require(EnumSet.of(ContractStatus.REGISTERING), "complete registration");
        status = ContractStatus.REGISTERED;
        registrationNumber = number.value();
        registeredAt = now;
        decidedAt = now;
        recordStep("REGISTER", ContractStatus.REGISTERING, decidedBy, now);
        record(ContractRegistered.CONTRACT, id, new ContractRegistered(id, registrationNumber, terms.type().name(),
                terms.subType() == null ? null : terms.subType().name(), terms.title(), party(terms.seller()),
                party(terms.buyer()), terms.brokers().stream().map(Contract::party).toList(),
                terms.contractAmountYuan().setScale(2), technologyTransactionAmountYuan, terms.achievementIds(),
                terms.signedOn(), now, registrationInstitutionId), now);
        return true;
    }

    /**
     * 变更/注销/撤销 of a registration: each recorded with its reason and emitted, because tax relief, points and
     * post-subsidies depend on it. A change recomputes the technology transaction amount under the same rules.
     */
    void amend(Amendment.Kind kind, String reason, Amendment.Changes changes, RegistrationPolicy.Rules rules,
            String actor, Instant now) {
        require(EnumSet.of(ContractStatus.REGISTERED), "amend the registration of");
        if (reason == null || reason.isBlank()) {
            throw new RuleViolation("amendment-reason-required", "reason",
                    "a change, cancellation or revocation is recorded with its reason");
        }
        BigDecimal previousAmount = terms.contractAmountYuan().setScale(2);
        BigDecimal previousTechnology = technologyTransactionAmountYuan;
        switch (kind) {
            case CHANGE -> change(changes == null ? new Amendment.Changes(null, null, null, null) : changes, rules);
            case CANCEL -> status = ContractStatus.CANCELLED;
            case REVOKE -> status = ContractStatus.REVOKED;
        }
        List<Amendment> all = new ArrayList<>(amendments());
        all.add(new Amendment(kind, reason, previousAmount, previousTechnology, actor, now));
        amendments = List.copyOf(all);
        record(ContractRegistrationChanged.CONTRACT, id, new ContractRegistrationChanged(id, registrationNumber,
                switch (kind) {
                    case CHANGE -> "CHANGED";
                    case CANCEL -> "CANCELLED";
                    case REVOKE -> "REVOKED";
                }, reason, terms.contractAmountYuan().setScale(2), technologyTransactionAmountYuan, previousAmount,
                previousTechnology, registrationInstitutionId, actor, now), now);
    }

    private void change(Amendment.Changes changes, RegistrationPolicy.Rules rules) {
        if (changes.contractAmountYuan() == null && changes.nonTechnicalCosts() == null
                && changes.payments() == null && changes.validUntil() == null) {
            throw new RuleViolation("change-empty", "changes", "a change sets the contract amount, the costs, "
                    + "the payment schedule or the end of the validity period");
        }
        if (changes.contractAmountYuan() != null && changes.payments() == null) {
            throw new RuleViolation("payments-required-with-amount", "changes.payments",
                    "a new contract amount comes with its payment schedule");
        }
        ContractTerms changed = new ContractTerms(terms.type(), terms.subType(), terms.title(), terms.seller(),
                terms.buyer(), terms.brokers(), terms.signedOn(), terms.validFrom(),
                changes.validUntil() == null ? terms.validUntil() : changes.validUntil(),
                changes.contractAmountYuan() == null ? terms.contractAmountYuan() : changes.contractAmountYuan(),
                changes.nonTechnicalCosts() == null ? terms.nonTechnicalCosts() : changes.nonTechnicalCosts(),
                changes.payments() == null ? terms.payments() : changes.payments(), terms.achievementIds(),
                terms.documents(), terms.inventorSharePercent());
        TechnologyTransactionAmount amount = changed.checked(rules);
        terms = changed;
        nonTechnicalCostsYuan = amount.nonTechnicalCostsYuan();
        technologyTransactionAmountYuan = amount.amountYuan();
    }

    private void decide(ContractStatus to, String action, List<RefusalReason> why, String text, String actor,
            Instant now) {
        if (why == null || why.isEmpty()) {
            throw new RuleViolation("reasons-required", "reasons", "name at least one reason from the official list");
        }
        if (why.contains(RefusalReason.OTHER) && (text == null || text.isBlank())) {
            throw new RuleViolation("other-reason-needs-text", "note", "the reason OTHER needs a text saying what it is");
        }
        ContractStatus from = status;
        status = to;
        reasons = List.copyOf(new java.util.LinkedHashSet<>(why));
        note = text;
        decidedAt = now;
        decidedBy = actor;
        recordStep(action, from, actor, now);
    }

    private void require(Set<ContractStatus> allowed, String step) {
        if (!allowed.contains(status)) {
            throw new StepRefused("wrong-status", "cannot " + step + " contract " + id + " while it is " + status
                    + "; allowed when " + allowed);
        }
    }

    private void recordStep(String action, ContractStatus from, String actor, Instant now) {
        recordStep(action, from, actor, note, now);
    }

    private void recordStep(String action, ContractStatus from, String actor, String text, Instant now) {
        record(ContractStatusChanged.CONTRACT, id, new ContractStatusChanged(id, action,
                from == null ? null : from.name(), status.name(), actor,
                reasons == null ? List.of() : reasons.stream().map(Enum::name).toList(), text,
                terms.seller().institutionId(), registrationRegionCode, registrationInstitutionId, registrationNumber,
                terms.contractAmountYuan().setScale(2), technologyTransactionAmountYuan, now), now);
    }

    private static ContractRegistered.Party party(Party party) {
        return new ContractRegistered.Party(party.institutionId(), party.name(), party.creditCode(),
                party.regionCode(), party.publicResearchBody());
    }

    boolean wasSubmittedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    /** Whether {@code institutionId} is one of its parties (seller, buyer, broker). */
    boolean hasParty(String institutionId) {
        return institutionId != null && terms.partyInstitutions().contains(institutionId);
    }

    public String id() {
        return id;
    }

    public ContractStatus status() {
        return status;
    }

    public ContractTerms terms() {
        return terms;
    }

    public BigDecimal nonTechnicalCostsYuan() {
        return nonTechnicalCostsYuan;
    }

    public BigDecimal technologyTransactionAmountYuan() {
        return technologyTransactionAmountYuan;
    }

    public String registrationRegionCode() {
        return registrationRegionCode;
    }

    public LocalDate rulesEffectiveFrom() {
        return rulesEffectiveFrom;
    }

    public boolean expertReviewRequired() {
        return expertReviewRequired;
    }

    public Instant expertReviewedAt() {
        return expertReviewedAt;
    }

    public AchievementCheckState achievementCheck() {
        return achievementCheck;
    }

    public List<String> achievementMismatches() {
        return achievementMismatches == null ? List.of() : List.copyOf(achievementMismatches);
    }

    public List<String> unknownAchievementIds() {
        return unknownAchievementIds == null ? List.of() : List.copyOf(unknownAchievementIds);
    }

    public int achievementCheckAttempts() {
        return achievementCheckAttempts;
    }

    public Instant nextAchievementCheckAt() {
        return nextAchievementCheckAt;
    }

    public String correctsContractId() {
        return correctsContractId;
    }

    public String dealId() {
        return dealId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public String submittedBy() {
        return submittedBy;
    }

    public Instant submittedAt() {
        return submittedAt;
    }

    public String registrationInstitutionId() {
        return registrationInstitutionId;
    }

    public Instant acceptedAt() {
        return acceptedAt;
    }

    public LocalDate reviewDueOn() {
        return reviewDueOn;
    }

    public Instant awaitingDocumentsSince() {
        return awaitingDocumentsSince;
    }

    public List<RefusalReason> reasons() {
        return reasons == null ? List.of() : new ArrayList<>(reasons);
    }

    public String note() {
        return note;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public String registrationCounter() {
        return registrationCounter;
    }

    public String registrationNumber() {
        return registrationNumber;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public List<Amendment> amendments() {
        return amendments == null ? List.of() : List.copyOf(amendments);
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
