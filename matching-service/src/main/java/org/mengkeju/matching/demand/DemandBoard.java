package org.mengkeju.matching.demand;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The use cases on technology demands (技术需求): post, read, list, triage, mark matched or closed. The lifecycle's
 * rules live on {@link Demand}; who may do what is decided here, from the caller's role, institution and region.
 *
 * <p>Who sees what: open and matched demands are the market's notice board, readable by every identified caller
 * (a university's transfer office looks there for problems its results solve), without the contact person. The
 * owner, the platform's operators, brokers working in the demand's league-city and that league-city's sub-center
 * see the contact too, and closed or expired demands; for anyone else those do not exist.
 */
@Service
public class DemandBoard {

    private static final Logger log = LoggerFactory.getLogger(DemandBoard.class);
    public static final int MAX_PAGE = 200;

    private final Demands demands;
    private final OutboxAggregates aggregates;
    private final MongoTemplate mongo;
    private final Clock clock;
    private final ApplicationEventPublisher changes;

    DemandBoard(Demands demands, OutboxAggregates aggregates, MongoTemplate mongo, Clock clock,
            ApplicationEventPublisher changes) {
        this.demands = demands;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.clock = clock;
        this.changes = changes;
    }

    /** What a post returns: the demand, and whether this call created it or repeated an earlier one. */
    public record Posted(Demand demand, boolean replayed) {
    }

    /**
     * Posts a demand once per (caller, Idempotency-Key); the unique index decides between a retry and a concurrent
     * duplicate, and the same key with another request is refused.
     */
    public Posted post(CallerIdentity caller, String idempotencyKey, String requestedOwner, DemandDetails details) {
        String owner = ownerFor(caller, requestedOwner, details);
        String fingerprint = RequestFingerprint.of(owner, details);
        Demand demand;
        try {
            demand = Demand.post(DemandId.next(), details, owner, caller, idempotencyKey, fingerprint, clock.instant());
        } catch (IllegalArgumentException pastDeadline) {
            throw ApiProblem.invalid("deadline-past", "Deadline already past", "deadline: " + pastDeadline.getMessage());
        }
        try {
            Demand saved = demands.insert(demand);
            log.info("demand {} posted for {} by {}", saved.id(), owner, caller.clientId());
            changes.publishEvent(new DemandChanged(saved.id()));
            return new Posted(saved, false);
        } catch (DuplicateKeyException retry) {
            Demand first = demands.findByCreatedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            if (!first.wasCreatedFrom(fingerprint)) {
                throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused",
                        "Idempotency-Key '" + idempotencyKey + "' was already used for a different request (demand "
                                + first.id() + "); use a new key for a new demand");
            }
            return new Posted(first, true);
        }
    }

    public Demand get(CallerIdentity caller, String id) {
        return demands.findById(id).filter(demand -> maySee(caller, demand))
                .orElseThrow(() -> ApiProblem.notFound("demand", id));
    }

    /** The demands the caller may see, in id order after {@code after}, narrowed by the given filters. */
    public List<Demand> list(CallerIdentity caller, DemandStatus status, IndustryChain chain, String regionCode,
            String after, int limit) {
        List<Criteria> filters = new ArrayList<>();
        filters.add(Criteria.where("_id").gt(after == null ? "" : after));
        if (status != null) {
            filters.add(Criteria.where("status").is(status));
        }
        if (chain != null) {
            filters.add(Criteria.where("industryChain").is(chain));
        }
        if (regionCode != null) {
            filters.add(Criteria.where("regionCode").is(regionCode));
        }
        visibleTo(caller).ifPresent(filters::add);
        Query query = Query.query(new Criteria().andOperator(filters)).with(Sort.by("_id")).limit(limit);
        return mongo.find(query, Demand.class);
    }

    /** A demand by id, whoever asks; for what this service keeps in step with its demands. */
    public java.util.Optional<Demand> held(String id) {
        return demands.findById(id);
    }

    /** Every demand in id order after {@code after}; for rebuilding what follows the demands. */
    public List<Demand> heldAfter(String after, int limit) {
        return mongo.find(Query.query(Criteria.where("_id").gt(after)).with(Sort.by("_id")).limit(limit),
                Demand.class);
    }

    /** Every demand posted for a league-city, or everywhere when {@code regionCode} is null; for dashboards. */
    public List<Demand> postedIn(String regionCode) {
        Query query = regionCode == null ? new Query() : Query.query(Criteria.where("regionCode").is(regionCode));
        return mongo.find(query, Demand.class);
    }

    /** Those of {@code ids} that brokers look for solutions to ({@link #seekingSolutions}). */
    public List<Demand> seekingSolutionsAmong(java.util.Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("status").is(DemandStatus.OPEN)
                .and("triage").ne(Triage.SENT_BACK)), Demand.class);
    }

    /** The demands brokers look for solutions to: open, and not sent back to the enterprise. */
    public List<Demand> seekingSolutions() {
        return mongo.find(Query.query(Criteria.where("status").is(DemandStatus.OPEN)
                .and("triage").ne(Triage.SENT_BACK)), Demand.class);
    }

    /** A broker's triage; refusals name who may triage. Repeating the same verdict changes nothing. */
    public Demand triage(CallerIdentity caller, String id, Triage verdict, Refinement refinement, String note) {
        Demand demand = get(caller, id);
        if (!mayTriage(caller, demand)) {
            throw ApiProblem.forbidden("only an operator or a broker working in " + demand.region().value()
                    + " may triage demand " + id);
        }
        if (demand.status() != DemandStatus.OPEN) {
            throw ApiProblem.conflict("demand-not-open", "Demand not open",
                    "demand " + id + " is " + demand.status() + "; only an open demand is triaged");
        }
        if (demand.triage(verdict, refinement, caller.clientId(), note, clock.instant())) {
            demand = save(demand);
            log.info("demand {} triaged {} by {}", id, verdict, caller.clientId());
        }
        return demand;
    }

    /**
     * The enterprise restates its open demand (after being sent back for re-diagnosis, or whenever it knows more);
     * nothing new returns it unchanged.
     */
    public Demand revise(CallerIdentity caller, String id, Refinement revision, java.math.BigDecimal budgetMinYuan,
            java.math.BigDecimal budgetMaxYuan, String note) {
        Demand demand = get(caller, id);
        if (!mayRevise(caller, demand)) {
            throw ApiProblem.forbidden("only the owner " + demand.ownerInstitutionId()
                    + " or an operator revises demand " + id + "; brokers refine it through triage");
        }
        if (demand.status() != DemandStatus.OPEN) {
            throw ApiProblem.conflict("demand-not-open", "Demand not open",
                    "demand " + id + " is " + demand.status() + "; only an open demand is revised");
        }
        BudgetRange budget;
        try {
            // An end given replaces that end; the other stays as it was.
            budget = new BudgetRange(budgetMinYuan != null ? budgetMinYuan : demand.budget().minYuan(),
                    budgetMaxYuan != null ? budgetMaxYuan : demand.budget().maxYuan());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("invalid-budget", "Budget range reversed", "budgetMinYuan: " + e.getMessage());
        }
        if (demand.revise(revision, budget, caller.clientId(), note, clock.instant())) {
            demand = save(demand);
            log.info("demand {} revised by {}", id, caller.clientId());
        }
        return demand;
    }

    /** Marks the demand matched or closed; asking for the status it has returns it unchanged. */
    public Demand changeStatus(CallerIdentity caller, String id, DemandStatus target, String note) {
        Demand demand = get(caller, id);
        if (!mayChangeStatus(caller, demand)) {
            throw ApiProblem.forbidden("only the owner " + demand.ownerInstitutionId()
                    + ", an operator or a broker working in " + demand.region().value() + " may change demand " + id);
        }
        if (target != demand.status() && (target == DemandStatus.OPEN || target == DemandStatus.EXPIRED
                || !demand.status().mayMoveTo(target))) {
            throw ApiProblem.conflict("demand-status-not-allowed", "Status change not allowed", "demand " + id
                    + " is " + demand.status() + " and cannot be set " + target
                    + " (open → matched → closed; an open demand may also be closed; expiry comes by itself)");
        }
        if (demand.moveTo(target, caller.clientId(), note, clock.instant())) {
            demand = save(demand);
            log.info("demand {} {} by {}", id, target, caller.clientId());
        }
        return demand;
    }

    /**
     * A proposal for the demand closed won: an open demand becomes matched, by the system, with the proposal named in
     * the step's note. Anything else (already matched, closed, expired, unknown) stays as it is, so a redelivered
     * event changes nothing. A concurrent change is read again and retried. Returns whether the demand changed.
     */
    public boolean matchedByDeal(String demandId, String proposalId) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Demand> held = demands.findById(demandId);
            if (held.isEmpty() || held.get().status() != DemandStatus.OPEN) {
                return false;
            }
            Demand demand = held.get();
            demand.moveTo(DemandStatus.MATCHED, Demand.SYSTEM_ACTOR, "proposal " + proposalId + " closed won",
                    clock.instant());
            try {
                Demand saved = aggregates.save(demand);
                changes.publishEvent(new DemandChanged(saved.id()));
                log.info("demand {} MATCHED by proposal {}", demandId, proposalId);
                return true;
            } catch (OptimisticLockingFailureException concurrent) {
                // changed meanwhile (a triage, a revision): read it again
            }
        }
        throw new IllegalStateException("demand " + demandId + " kept changing while being matched; redelivery retries");
    }

    private Demand save(Demand demand) {
        try {
            Demand saved = aggregates.save(demand);
            changes.publishEvent(new DemandChanged(saved.id()));
            return saved;
        } catch (OptimisticLockingFailureException concurrent) {
            throw ApiProblem.conflict("demand-changed", "Demand changed meanwhile", "demand " + demand.id()
                    + " was changed by someone else meanwhile; read it again and retry");
        }
    }

    /** Whether the caller works on the demand: its owner, an operator, a broker of its league-city. */
    public boolean worksOn(CallerIdentity caller, Demand demand) {
        return mayChangeStatus(caller, demand);
    }

    /** Whether the caller is shown whom to call about the demand. */
    public boolean showsContactTo(CallerIdentity caller, Demand demand) {
        return maySeeContact(caller, demand);
    }

    /** Operators, and brokers whose league-city is the demand's (a broker without one works region-wide). */
    static boolean mayTriage(CallerIdentity caller, Demand demand) {
        return caller.is(Role.OPERATOR) || (caller.is(Role.BROKER)
                && (caller.regionCode() == null || caller.regionCode().equals(demand.region().value())));
    }

    /** The enterprise's own clients, and operators acting for it. */
    static boolean mayRevise(CallerIdentity caller, Demand demand) {
        return caller.is(Role.OPERATOR) || isOwner(caller, demand);
    }

    /** Those who triage, and the owner's own clients. */
    static boolean mayChangeStatus(CallerIdentity caller, Demand demand) {
        return mayTriage(caller, demand) || isOwner(caller, demand);
    }

    /** Those who work on the demand and the sub-center of its league-city see whom to call. */
    static boolean maySeeContact(CallerIdentity caller, Demand demand) {
        return mayChangeStatus(caller, demand)
                || (caller.is(Role.SUB_CENTER) && demand.region().value().equals(caller.regionCode()));
    }

    /** Open and matched demands are public; the rest only to those who see the contact. */
    static boolean maySee(CallerIdentity caller, Demand demand) {
        return demand.status() == DemandStatus.OPEN || demand.status() == DemandStatus.MATCHED
                || maySeeContact(caller, demand);
    }

    private static boolean isOwner(CallerIdentity caller, Demand demand) {
        return caller.is(Role.PARTNER) && demand.ownerInstitutionId().equals(caller.institutionId());
    }

    /** {@link #maySee} as a query; empty when the caller sees every demand. */
    private static java.util.Optional<Criteria> visibleTo(CallerIdentity caller) {
        if (caller.is(Role.OPERATOR) || (caller.is(Role.BROKER) && caller.regionCode() == null)) {
            return java.util.Optional.empty();
        }
        List<Criteria> any = new ArrayList<>();
        any.add(Criteria.where("status").in(DemandStatus.OPEN, DemandStatus.MATCHED));
        if (caller.is(Role.PARTNER) && caller.institutionId() != null) {
            any.add(Criteria.where("ownerInstitutionId").is(caller.institutionId()));
        }
        if ((caller.is(Role.BROKER) || caller.is(Role.SUB_CENTER)) && caller.regionCode() != null) {
            any.add(Criteria.where("regionCode").is(caller.regionCode()));
        }
        return java.util.Optional.of(new Criteria().orOperator(any));
    }

    /**
     * An enterprise's client posts for its own institution; an operator names the owner; a sub-center names it for
     * an enterprise of its own league-city. Brokers and finance institutions post no demands.
     */
    private static String ownerFor(CallerIdentity caller, String requestedOwner, DemandDetails details) {
        return switch (caller.role()) {
            case PARTNER -> {
                if (caller.institutionId() == null) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no institution");
                }
                if (requestedOwner != null && !requestedOwner.equals(caller.institutionId())) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " may post only for institution "
                            + caller.institutionId() + ", not " + requestedOwner);
                }
                yield caller.institutionId();
            }
            case OPERATOR, SUB_CENTER -> {
                if (requestedOwner == null) {
                    throw ApiProblem.invalid("owner-required", "Owner required",
                            "ownerInstitutionId is required when a " + caller.role() + " posts a demand");
                }
                if (caller.is(Role.SUB_CENTER) && !details.region().value().equals(caller.regionCode())) {
                    throw ApiProblem.forbidden("sub-center " + caller.clientId() + " posts only for enterprises of "
                            + caller.regionCode() + ", not " + details.region().value());
                }
                yield requestedOwner;
            }
            case FINANCE_INSTITUTION, BROKER -> throw ApiProblem.forbidden(
                    "a " + caller.role() + " client cannot post demands; the enterprise's own client or an operator does");
        };
    }
}
