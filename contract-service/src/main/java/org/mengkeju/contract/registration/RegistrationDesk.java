package org.mengkeju.contract.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.mengkeju.contract.catalog.AchievementCheck;
import org.mengkeju.contract.catalog.CatalogProperties;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The registration desk (技术合同登记): the seller side submits a contract, a registration institution of the
 * seller's region takes it up, returns or refuses it with coded reasons, or registers it with a number. Rules of the
 * contract live on {@link Contract} and {@link ContractTerms}; who may do what is decided here.
 */
@Service
@EnableConfigurationProperties(RegistrationPolicy.class)
public class RegistrationDesk {

    private static final Logger log = LoggerFactory.getLogger(RegistrationDesk.class);
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** The largest page of a listing. */
    public static final int MAX_PAGE = 200;

    private final Contracts contracts;
    private final MongoTemplate mongo;
    private final OutboxAggregates aggregates;
    private final RegistrationCounters counters;
    private final SubmissionClaims claims;
    private final RegistrationPolicy policy;
    private final AchievementCheck achievementCheck;
    private final Duration recheckEvery;
    /** The catalog's final deals, which a contract drawn up from one must agree with. */
    private final FinalDeals finalDeals;
    private final Clock clock;
    /** Runs between reserving a number and writing it: lets a test stop a registration there, as a crash would. */
    volatile Consumer<String> afterNumberReserved = contractId -> { };

    RegistrationDesk(Contracts contracts, MongoTemplate mongo, OutboxAggregates aggregates,
            RegistrationCounters counters, SubmissionClaims claims, RegistrationPolicy policy, AchievementCheck achievementCheck, CatalogProperties catalog, FinalDeals finalDeals, Clock clock) {
        this.contracts = contracts;
        this.finalDeals = finalDeals;
        this.mongo = mongo;
        this.aggregates = aggregates;
        this.counters = counters;
        this.claims = claims;
        this.policy = policy;
        this.achievementCheck = achievementCheck;
        this.recheckEvery = catalog.recheckEvery();
        this.clock = clock;
    }

    /** What a submission returns: the contract, and whether this call submitted it or repeated an earlier one. */
    public record Submitted(Contract contract, boolean replayed) {
    }

    /**
     * Submits a contract once per (caller, Idempotency-Key), then checks its achievements against the catalog. The
     * check never fails the submission: when the catalog cannot be asked, the contract is kept as pending
     * verification and checked again later by {@link #recheckAchievements}. A contract drawn up from a final deal of
     * the catalog's market ({@code dealId}) must name the deal's parties, achievement and price, or it is refused
     * before anything is written.
     */
    public Submitted submit(CallerIdentity caller, String idempotencyKey, ContractTerms terms, String corrects,
            String dealId) {
        mayFile(caller, terms);
        if (dealId != null) {
            agreesWithDeal(caller, terms, dealId);
        }
        Instant now = clock.instant();
        // The deal is part of what was asked: the same key with another deal is another request. A submission
        // without a deal keeps the fingerprint it always had.
        String fingerprint = dealId == null ? RequestFingerprint.of(terms, corrects)
                : RequestFingerprint.of(terms, corrects, dealId);
        Contract contract;
        try {
            contract = Contract.submit(ContractId.next(), terms, policy.rulesOn(LocalDate.ofInstant(now, CHINA)),
                    caller.clientId(), idempotencyKey, fingerprint, now, now.plus(recheckEvery), corrects, dealId);
        } catch (RuleViolation broken) {
            throw invalid(broken);
        }
        Optional<Submitted> earlier = claimOnce(caller, idempotencyKey, fingerprint, contract, corrects,
                SubmissionClaims.keyOf(terms), holder -> "the seller side applies once: this contract (same seller, "
                        + "buyer, signing day and title) is contract " + holder);
        if (earlier.isEmpty() && dealId != null) {
            // One contract per deal, whatever its title or signing day: a deal is sold once.
            earlier = claimOnce(caller, idempotencyKey, fingerprint, contract, corrects,
                    SubmissionClaims.keyOfDeal(dealId), holder -> "one contract per deal: deal " + dealId
                            + " is contract " + holder);
        }
        if (earlier.isPresent()) {
            return earlier.get();
        }
        try {
            contract = contracts.insert(contract);
            log.info("contract {} submitted by {} for region {}", contract.id(), caller.clientId(),
                    contract.registrationRegionCode());
        } catch (DuplicateKeyException retry) {
            // The unique (submittedBy, idempotencyKey) index decides, for a sequential retry and a concurrent one.
            Contract first = contracts.findBySubmittedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            return replay(first, fingerprint, idempotencyKey);
        }
        return new Submitted(checkAchievements(contract), false);
    }

    /**
     * The seller side applies once. The claim on the contract as signed goes to this submission, unless another
     * contract holds it: the same request retried (its first result is returned), a contract this one corrects
     * after it was returned (taken over), or a contract that was lost before it was written (taken over).
     * Otherwise the contract is already submitted: a 409 naming it.
     */
    private Optional<Submitted> claimOnce(CallerIdentity caller, String idempotencyKey, String fingerprint,
            Contract contract, String corrects, String key, UnaryOperator<String> heldBy) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Optional<String> holder = claims.claim(key, contract.id());
            if (holder.isEmpty()) {
                return Optional.empty();
            }
            Optional<Contract> held = contracts.findById(holder.get());
            if (held.isPresent() && held.get().submittedBy().equals(caller.clientId())
                    && idempotencyKey.equals(held.get().idempotencyKey())) {
                return Optional.of(replay(held.get(), fingerprint, idempotencyKey));
            }
            boolean mayTakeOver = held.isEmpty() || (held.get().status() == ContractStatus.RETURNED
                    && held.get().id().equals(corrects));
            if (!mayTakeOver) {
                throw ApiProblem.conflict("already-submitted", "Contract already submitted",
                        heldBy.apply(holder.get()) + ", " + held.get().status()
                                + (held.get().status() == ContractStatus.RETURNED
                                        ? "; submit the correction with correctsContractId " + holder.get() : ""));
            }
            if (claims.takeOver(key, holder.get(), contract.id())) {
                return Optional.empty();
            }
        }
        throw ApiProblem.conflict("request-in-progress", "Request in progress",
                "another submission of this contract is being processed; retry shortly");
    }

    private static Submitted replay(Contract first, String fingerprint, String idempotencyKey) {
        if (!first.wasSubmittedFrom(fingerprint)) {
            throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key '" + idempotencyKey + "' was already used for a different contract ("
                            + first.id() + "); use a new key for a new contract");
        }
        return new Submitted(first, true);
    }

    public Contract get(CallerIdentity caller, String id) {
        return contracts.findById(id).filter(contract -> maySee(caller, contract))
                .orElseThrow(() -> ApiProblem.notFound("contract", id));
    }

    /** Today in China, the day deadlines and claim years are counted in. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    /**
     * The contracts the caller may see, in id order after {@code after}: a registration institution's work queue
     * (its league-city), a party's own contracts, or all for the platform's operators; optionally only one status,
     * and only reviews past their deadline.
     */
    public List<Contract> list(CallerIdentity caller, ContractStatus status, boolean overdueOnly, String after,
            int limit) {
        Criteria criteria = Criteria.where("_id").gt(after == null ? "" : after);
        switch (caller.role()) {
            case OPERATOR -> {
                Optional<String> region = policy.operatorRegion(caller.institutionId());
                if (region.isPresent()) {
                    criteria = criteria.and("registrationRegionCode").is(region.get());
                }
            }
            case PARTNER, BROKER -> {
                if (caller.institutionId() == null) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no institution");
                }
                criteria = criteria.orOperator(Criteria.where("terms.seller.institutionId").is(caller.institutionId()),
                        Criteria.where("terms.buyer.institutionId").is(caller.institutionId()),
                        Criteria.where("terms.brokers.institutionId").is(caller.institutionId()));
            }
            case SUB_CENTER, FINANCE_INSTITUTION -> throw ApiProblem.forbidden(
                    "a " + caller.role() + " client does not list contracts");
        }
        if (overdueOnly) {
            criteria = criteria.and("status").is(ContractStatus.UNDER_REVIEW).and("awaitingDocumentsSince").is(null)
                    .and("reviewDueOn").lt(today());
        } else if (status != null) {
            criteria = criteria.and("status").is(status);
        }
        if (overdueOnly && status != null && status != ContractStatus.UNDER_REVIEW) {
            return List.of();
        }
        return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), Contract.class);
    }

    /** A reviewer's decision: accept for review, return, refuse, record the expert review, or register. */
    public Contract decide(CallerIdentity caller, String id, Decision decision) {
        Contract contract = get(caller, id);
        mayReview(caller, contract);
        Instant now = clock.instant();
        try {
            switch (decision.kind()) {
                case ACCEPT_FOR_REVIEW -> contract.acceptForReview(caller.institutionId(), caller.clientId(), now,
                        rulesOf(contract), policy.calendar());
                case REQUEST_DOCUMENTS -> contract.requestDocuments(decision.note(), caller.clientId(), now);
                case RECORD_DOCUMENTS_RECEIVED -> contract.documentsReceived(caller.clientId(), now, rulesOf(contract),
                        policy.calendar());
                case RETURN -> contract.returnForCorrection(decision.reasons(), decision.note(), caller.clientId(), now);
                case REFUSE -> contract.refuse(decision.reasons(), decision.note(), caller.clientId(), now);
                case RECORD_EXPERT_REVIEW -> contract.recordExpertReview(caller.clientId(), now);
                case REGISTER -> {
                    return register(contract, caller.clientId(), caller.institutionId());
                }
            }
            contract = saveOrConflict(contract);
        } catch (RuleViolation broken) {
            throw invalid(broken);
        } catch (StepRefused refused) {
            throw ApiProblem.conflict(refused.rule(), "Step not allowed", refused.getMessage());
        }
        log.info("contract {} {} by {}: now {}", id, decision.kind(), caller.clientId(), contract.status());
        return contract;
    }

    /**
     * Records a change (变更), cancellation (注销) or revocation (撤销) of a registration, by the registration
     * institution that registered it; the change is emitted as {@code ContractRegistrationChanged}.
     */
    public Contract amend(CallerIdentity caller, String id, Amendment.Kind kind, String reason,
            Amendment.Changes changes) {
        Contract contract = get(caller, id);
        mayReview(caller, contract);
        try {
            contract.amend(kind, reason, changes, rulesOf(contract), caller.clientId(),
                    clock.instant());
        } catch (RuleViolation broken) {
            throw invalid(broken);
        } catch (StepRefused refused) {
            throw ApiProblem.conflict(refused.rule(), "Step not allowed", refused.getMessage());
        }
        contract = saveOrConflict(contract);
        log.info("registration {} of contract {}: {} by {}", contract.registrationNumber(), id, kind,
                caller.clientId());
        return contract;
    }

    /**
     * Registers: to REGISTERING under the version check (so two reviewers at the same moment get one
     * registration), reserves the point's next serial for this contract, writes the number. Each step can be run
     * again: a contract found REGISTERING gets the serial already reserved for it.
     */
    private Contract register(Contract contract, String actor, String institutionId) {
        Instant now = clock.instant();
        if (contract.status() == ContractStatus.SUBMITTED) {
            // A plain contract is taken up and registered in one step by the institution that registers it.
            contract.acceptForReview(institutionId, actor, now, rulesOf(contract), policy.calendar());
        }
        RegistrationPolicy.Point point = policy.point(contract.registrationInstitutionId())
                .orElseThrow(() -> new IllegalStateException("contract " + contract.id() + " is reviewed by "
                        + contract.registrationInstitutionId() + ", which is no registration point"));
        Contract current = contract;
        if (current.beginRegistration(actor, RegistrationCounters.counterId(point, Year.from(
                LocalDate.ofInstant(now, CHINA))))) {
            try {
                current = aggregates.save(current);
            } catch (OptimisticLockingFailureException concurrent) {
                // Another reviewer got there first, or the contract changed: go on only with its registration.
                current = reload(contract.id());
                if (current.status() != ContractStatus.REGISTERING && current.status() != ContractStatus.REGISTERED) {
                    throw ApiProblem.conflict("contract-changed", "Contract changed concurrently", "contract "
                            + contract.id() + " was changed by someone else meanwhile; read it and decide again");
                }
            }
        }
        return completeRegistration(current);
    }

    private Contract completeRegistration(Contract registering) {
        if (registering.status() == ContractStatus.REGISTERED) {
            return registering;
        }
        String counter = registering.registrationCounter();
        long serial = counters.reserve(counter, registering.id(), clock.instant());
        afterNumberReserved.accept(registering.id());
        RegistrationNumber number = number(counter, serial);
        Contract current = registering;
        for (int attempt = 0; attempt < 5; attempt++) {
            if (!current.completeRegistration(number, clock.instant())) {
                break; // someone else registered it meanwhile
            }
            try {
                current = aggregates.save(current);
                log.info("contract {} registered as {}", current.id(), number);
                break;
            } catch (OptimisticLockingFailureException concurrent) {
                current = reload(registering.id());
            }
        }
        if (current.status() != ContractStatus.REGISTERED) {
            throw ApiProblem.conflict("contract-changed", "Contract changed concurrently",
                    "contract " + current.id() + " kept changing while being registered; retry");
        }
        settle(counter, current, serial);
        return current;
    }

    /** Drops the reservation once the contract has its number; gives the serial back if it got another one. */
    private void settle(String counter, Contract registered, long serial) {
        if (number(counter, serial).value().equals(registered.registrationNumber())) {
            counters.release(counter, registered.id());
        } else {
            counters.giveBack(counter, registered.id(), serial);
            log.info("serial {} of {} given back: contract {} was registered as {} meanwhile", serial, counter,
                    registered.id(), registered.registrationNumber());
        }
    }

    private RegistrationNumber number(String counter, long serial) {
        return RegistrationNumber.of(RegistrationCounters.yearOf(counter),
                policy.point(RegistrationCounters.institutionOf(counter)).orElseThrow(), serial);
    }

    /**
     * Completes registrations a crash interrupted between reserving a number and writing it: every reservation
     * older than {@code olderThan} is written on its contract, or dropped when the contract already has it.
     *
     * @return how many reservations were settled
     */
    public int resumeInterruptedRegistrations(Duration olderThan) {
        int settled = 0;
        for (var reservation : counters.reservationsBefore(clock.instant().minus(olderThan))) {
            Optional<Contract> found = contracts.findById(reservation.contractId());
            if (found.isEmpty()) {
                log.error("serial {} of {} is reserved for contract {}, which does not exist", reservation.serial(),
                        reservation.counterId(), reservation.contractId());
                continue;
            }
            Contract contract = found.get();
            if (contract.status() == ContractStatus.REGISTERING) {
                completeRegistration(contract);
                log.warn("registration of contract {} resumed with serial {} of {}", contract.id(),
                        reservation.serial(), reservation.counterId());
            } else {
                settle(reservation.counterId(), contract, reservation.serial());
            }
            settled++;
        }
        return settled;
    }

    /**
     * Checks again the contracts whose achievement check is pending and due.
     *
     * @return how many were checked
     */
    public int recheckAchievements() {
        List<Contract> due = contracts
                .findTop100ByAchievementCheckAndNextAchievementCheckAtLessThanEqualOrderByNextAchievementCheckAtAsc(
                        AchievementCheckState.PENDING, clock.instant());
        for (Contract contract : due) {
            try {
                checkAchievements(contract);
            } catch (RuntimeException failed) {
                // One contract that cannot be saved must not hold up the checks of the others behind it.
                log.error("achievement check of contract {} failed; it stays pending: {}", contract.id(),
                        failed.toString());
            }
        }
        return due.size();
    }

    private Contract checkAchievements(Contract contract) {
        if (contract.achievementCheck() != AchievementCheckState.PENDING) {
            return contract;
        }
        AchievementCheck.Outcome outcome = achievementCheck.check(contract.terms().achievementIds(),
                contract.terms().seller().institutionId());
        Instant now = clock.instant();
        switch (outcome.verdict()) {
            case VERIFIED -> contract.achievementsVerified(now);
            case NOT_FOUND -> contract.achievementsNotFound(outcome.unknown(), now);
            case MISMATCH -> contract.achievementsMismatched(outcome.mismatches(), now);
            case UNAVAILABLE -> contract.achievementCheckDeferred(now.plus(recheckEvery));
        }
        try {
            Contract saved = aggregates.save(contract);
            if (outcome.verdict() == AchievementCheck.Verdict.UNAVAILABLE) {
                log.info("contract {} pending verification: {}", contract.id(), outcome.cause());
            }
            return saved;
        } catch (OptimisticLockingFailureException concurrent) {
            // A reviewer or another check changed it meanwhile; a pending check is tried again when due.
            return reload(contract.id());
        }
    }

    private Contract saveOrConflict(Contract contract) {
        try {
            return aggregates.save(contract);
        } catch (OptimisticLockingFailureException concurrent) {
            throw ApiProblem.conflict("contract-changed", "Contract changed concurrently",
                    "contract " + contract.id() + " was changed by someone else meanwhile; read it and decide again");
        }
    }

    /** The rules a contract was submitted under. */
    private RegistrationPolicy.Rules rulesOf(Contract contract) {
        return policy.rulesOn(contract.rulesEffectiveFrom());
    }

    private Contract reload(String id) {
        return contracts.findById(id).orElseThrow(() -> ApiProblem.notFound("contract", id));
    }

    private void agreesWithDeal(CallerIdentity caller, ContractTerms terms, String dealId) {
        FinalDeals.Fixed deal = finalDeals.find(caller, dealId).orElseThrow(() -> ApiProblem.invalid("unknown-deal",
                "Unknown deal", "dealId: " + dealId + " is no final deal you are a party to"));
        if (!deal.sellerInstitutionId().equals(terms.seller().institutionId())) {
            throw dealMismatch("seller.institutionId", "the deal's seller is " + deal.sellerInstitutionId());
        }
        if (!deal.buyerInstitutionId().equals(terms.buyer().institutionId())) {
            throw dealMismatch("buyer.institutionId", "the deal's buyer is " + deal.buyerInstitutionId());
        }
        if (!terms.achievementIds().contains(deal.achievementId())) {
            throw dealMismatch("achievementIds", "the deal sold achievement " + deal.achievementId());
        }
        if (deal.priceYuan().compareTo(terms.contractAmountYuan()) != 0) {
            throw dealMismatch("contractAmountYuan", "the deal's price is " + deal.priceYuan().toPlainString()
                    + " yuan, not " + terms.contractAmountYuan().toPlainString());
        }
    }

    private static ApiProblem dealMismatch(String field, String detail) {
        return ApiProblem.conflict("deal-mismatch", "Contract differs from its deal", field + ": " + detail);
    }

    private static ApiProblem invalid(RuleViolation broken) {
        return ApiProblem.invalid(broken.rule(), "Registration rule broken", broken.getMessage());
    }

    /**
     * The seller side applies: a partner for a contract whose seller is its own institution, or a registration
     * institution keying in a paper application of its own region. Nobody else files.
     */
    void mayFile(CallerIdentity caller, ContractTerms terms) {
        switch (caller.role()) {
            case PARTNER -> {
                if (caller.institutionId() == null || !caller.institutionId().equals(terms.seller().institutionId())) {
                    throw ApiProblem.forbidden("the seller side applies: client " + caller.clientId()
                            + " may submit only contracts whose seller is its institution "
                            + caller.institutionId());
                }
            }
            case OPERATOR -> {
                Optional<RegistrationPolicy.Point> point = policy.point(caller.institutionId());
                if (point.isEmpty() || !point.get().regionCode().equals(terms.seller().leagueCity())) {
                    throw ApiProblem.forbidden("an operator keys in contracts only as a registration institution of"
                            + " the seller's region " + terms.seller().leagueCity());
                }
            }
            case SUB_CENTER, FINANCE_INSTITUTION, BROKER -> throw ApiProblem.forbidden(
                    "a " + caller.role() + " client cannot submit contracts; the seller side applies");
        }
    }

    /**
     * The parties see their contract; a registration institution sees those of its region; the platform's own
     * operators (no institution, or one that is no registration point) see all. Anyone else is told it does not exist.
     */
    boolean maySee(CallerIdentity caller, Contract contract) {
        return switch (caller.role()) {
            case OPERATOR -> policy.operatorRegion(caller.institutionId())
                    .map(region -> region.equals(contract.registrationRegionCode())).orElse(true);
            case PARTNER, BROKER -> contract.hasParty(caller.institutionId());
            case SUB_CENTER, FINANCE_INSTITUTION -> false;
        };
    }

    /**
     * Only a registration institution of the contract's region reviews it; once one has accepted it, that one
     * decides on it to the end.
     */
    void mayReview(CallerIdentity caller, Contract contract) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("only a registration institution of region "
                    + contract.registrationRegionCode() + " decides on contract " + contract.id());
        }
        Optional<RegistrationPolicy.Point> point = policy.point(caller.institutionId());
        if (point.isEmpty() || !point.get().regionCode().equals(contract.registrationRegionCode())) {
            throw ApiProblem.forbidden("only a registration institution of region "
                    + contract.registrationRegionCode() + " decides on contract " + contract.id()
                    + "; client " + caller.clientId() + " is none");
        }
        if (contract.registrationInstitutionId() != null
                && !contract.registrationInstitutionId().equals(caller.institutionId())) {
            throw ApiProblem.forbidden("contract " + contract.id() + " is reviewed by "
                    + contract.registrationInstitutionId() + ", which decides on it");
        }
    }
}
