package org.mengkeju.matching.demand;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.mengkeju.events.matching.DemandPosted;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An enterprise's technology demand (技术需求): the problem it wants solved, what it would pay, how it would take the
 * technology, and until when. Open → matched → closed, or expired once its deadline's local day has passed; a broker
 * triages it while it is open.
 *
 * <p>Every transition records its event; the platform writes the state and the events in one document update.
 */
@Document("demands")
@CompoundIndex(name = "creation_idempotency", def = "{'createdBy': 1, 'idempotencyKey': 1}", unique = true)
public class Demand extends OutboxAggregate {

    /** Deadlines are local days in the region, which keeps Beijing time. */
    public static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");
    /** The actor of steps nobody requested (an expiry). */
    static final String SYSTEM_ACTOR = "matching-service";

    @Id
    private final String id;
    private String title;
    private String problem;
    private final String ownerInstitutionId;
    private IndustryChain industryChain;
    private String field;
    private final String regionCode;
    private BigDecimal budgetMinYuan;
    private BigDecimal budgetMaxYuan;
    private Set<TransferMode> transferModes;
    private Maturity wantedMaturity;
    private final LocalDate deadline;
    /** The first instant after the deadline's local day: from then on an open demand is expired. */
    private final Instant expiresAt;
    private final String contactName;
    private final String contactPhone;
    private final String createdBy;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant postedAt;
    private DemandStatus status;
    private Triage triage;
    private String triagedBy;
    private Instant triagedAt;
    private Instant matchedAt;
    private Instant closedAt;
    private Instant expiredAt;
    private String lastNote;
    /** The telling words of title, problem and field, kept with them so that matching does not segment every time. */
    private List<String> terms;
    @Version
    private Long version;

    @PersistenceCreator
    Demand(String id, String title, String problem, String ownerInstitutionId, IndustryChain industryChain,
            String field, String regionCode, BigDecimal budgetMinYuan, BigDecimal budgetMaxYuan,
            Set<TransferMode> transferModes, Maturity wantedMaturity, LocalDate deadline, Instant expiresAt,
            String contactName, String contactPhone, String createdBy, String idempotencyKey,
            String requestFingerprint, Instant postedAt, DemandStatus status, Triage triage, String triagedBy,
            Instant triagedAt, Instant matchedAt, Instant closedAt, Instant expiredAt, String lastNote,
            List<String> terms, Long version) {
        this.id = id;
        this.title = title;
        this.problem = problem;
        this.ownerInstitutionId = ownerInstitutionId;
        this.industryChain = industryChain;
        this.field = field;
        this.regionCode = regionCode;
        this.budgetMinYuan = budgetMinYuan;
        this.budgetMaxYuan = budgetMaxYuan;
        this.transferModes = transferModes == null ? EnumSet.noneOf(TransferMode.class) : EnumSet.copyOf(transferModes);
        this.wantedMaturity = wantedMaturity;
        this.deadline = deadline;
        this.expiresAt = expiresAt;
        this.contactName = contactName;
        this.contactPhone = contactPhone;
        this.createdBy = createdBy;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.postedAt = postedAt;
        this.status = status;
        this.triage = triage;
        this.triagedBy = triagedBy;
        this.triagedAt = triagedAt;
        this.matchedAt = matchedAt;
        this.closedAt = closedAt;
        this.expiredAt = expiredAt;
        this.lastNote = lastNote;
        this.terms = terms == null ? List.of() : List.copyOf(terms);
        this.version = version;
    }

    /**
     * A new open demand posted by {@code poster} for {@code ownerInstitutionId}; records {@link DemandPosted}.
     *
     * @throws IllegalArgumentException when the deadline's local day is already over
     */
    static Demand post(DemandId id, DemandDetails details, String ownerInstitutionId, CallerIdentity poster,
            String idempotencyKey, String requestFingerprint, Instant now) {
        if (details.deadline().isBefore(today(now))) {
            throw new IllegalArgumentException("deadline " + details.deadline() + " is already past (today is "
                    + today(now) + " in Asia/Shanghai)");
        }
        BudgetRange budget = details.budget() == null ? BudgetRange.open() : details.budget();
        Demand demand = new Demand(id.value(), details.title(), details.problem(), ownerInstitutionId,
                details.industryChain(), details.field(), details.region().value(), budget.minYuan(),
                budget.maxYuan(), details.transferModes(), details.wantedMaturity(), details.deadline(),
                expiryOf(details.deadline()), details.contact() == null ? null : details.contact().name(),
                details.contact() == null ? null : details.contact().phone(), poster.clientId(), idempotencyKey,
                requestFingerprint, now, DemandStatus.OPEN, null, null, null, null, null, null, null, null, null);
        demand.refreshTerms();
        demand.record(DemandPosted.CONTRACT, demand.id, new DemandPosted(demand.id, demand.title, demand.problem,
                ownerInstitutionId, demand.industryChain.name(), demand.field, demand.regionCode,
                demand.budgetMinYuan, demand.budgetMaxYuan, demand.modeNames(), nameOf(demand.wantedMaturity),
                demand.deadline, poster.clientId(), 0, now), now);
        return demand;
    }

    /** The first instant after {@code deadline}'s local day in Asia/Shanghai. */
    static Instant expiryOf(LocalDate deadline) {
        return deadline.plusDays(1).atStartOfDay(LOCAL_ZONE).toInstant();
    }

    static LocalDate today(Instant now) {
        return now.atZone(LOCAL_ZONE).toLocalDate();
    }

    /**
     * A broker's triage of an open demand. Refining applies the broker's sharper statement; the same verdict again
     * with nothing to change is no step at all, so a retried request records nothing.
     *
     * @return whether this call changed the demand
     * @throws IllegalStateException when the demand is no longer open
     */
    boolean triage(Triage verdict, Refinement refinement, String actor, String note, Instant now) {
        if (status != DemandStatus.OPEN) {
            throw new IllegalStateException("demand " + id + " is " + status + "; only an open demand is triaged");
        }
        Refinement changes = verdict == Triage.REFINED && refinement != null ? refinement : Refinement.none();
        boolean changesText = changes(changes);
        if (verdict == triage && !changesText) {
            return false;
        }
        applyText(changes);
        refreshTerms();
        triage = verdict;
        triagedBy = actor;
        triagedAt = now;
        lastNote = note;
        recordStep(verdict.action(), status, actor, note, now);
        return true;
    }

    private void applyText(Refinement changes) {
        if (changes.title() != null) {
            title = changes.title();
        }
        if (changes.problem() != null) {
            problem = changes.problem();
        }
        if (changes.industryChain() != null) {
            industryChain = changes.industryChain();
        }
        if (changes.field() != null) {
            field = changes.field();
        }
        if (changes.transferModes() != null && !changes.transferModes().isEmpty()) {
            transferModes = EnumSet.copyOf(changes.transferModes());
        }
        if (changes.wantedMaturity() != null) {
            wantedMaturity = changes.wantedMaturity();
        }
    }

    private boolean changes(Refinement r) {
        return (r.title() != null && !r.title().equals(title))
                || (r.problem() != null && !r.problem().equals(problem))
                || (r.industryChain() != null && r.industryChain() != industryChain)
                || (r.field() != null && !r.field().equals(field))
                || (r.transferModes() != null && !r.transferModes().isEmpty()
                        && !EnumSet.copyOf(r.transferModes()).equals(transferModes))
                || (r.wantedMaturity() != null && r.wantedMaturity() != wantedMaturity);
    }

    /**
     * The enterprise restates its open demand; the fields given replace its own, and a demand sent back for
     * re-diagnosis goes back to the brokers, untriaged. Nothing new is no step.
     *
     * @return whether this call changed the demand
     * @throws IllegalStateException when the demand is no longer open
     */
    boolean revise(Refinement revision, BudgetRange budget, String actor, String note, Instant now) {
        if (status != DemandStatus.OPEN) {
            throw new IllegalStateException("demand " + id + " is " + status + "; only an open demand is revised");
        }
        boolean newBudget = budget != null && !budget.equals(budget());
        if (!changes(revision) && !newBudget) {
            return false;
        }
        applyText(revision);
        if (newBudget) {
            budgetMinYuan = budget.minYuan();
            budgetMaxYuan = budget.maxYuan();
        }
        refreshTerms();
        if (triage == Triage.SENT_BACK) {
            triage = null;
        }
        lastNote = note;
        recordStep("REVISE", status, actor, note, now);
        return true;
    }

    /**
     * Moves the demand to {@code target} ({@code MATCHED} or {@code CLOSED}) on someone's word. Asking for the status
     * it already has changes nothing, so a retried request is harmless.
     *
     * @return whether this call changed the demand
     * @throws IllegalStateException when the lifecycle does not allow the move
     */
    boolean moveTo(DemandStatus target, String actor, String note, Instant now) {
        if (target == status) {
            return false;
        }
        if (target == DemandStatus.EXPIRED || target == DemandStatus.OPEN || !status.mayMoveTo(target)) {
            throw new IllegalStateException("demand " + id + " is " + status + " and cannot be set " + target);
        }
        DemandStatus from = status;
        status = target;
        if (target == DemandStatus.MATCHED) {
            matchedAt = now;
        } else {
            closedAt = now;
        }
        lastNote = note;
        recordStep(target == DemandStatus.MATCHED ? "MATCH" : "CLOSE", from, actor, note, now);
        return true;
    }

    /** Whether the demand is open, not tracked for the long term, and its deadline's local day is over at {@code now}. */
    boolean isDueToExpireAt(Instant now) {
        return status == DemandStatus.OPEN && triage != Triage.LONG_TERM_TRACKING && !now.isBefore(expiresAt);
    }

    /**
     * Expires the demand if it is due at {@code now}; otherwise does nothing, so a sweep that runs twice, or on two
     * replicas, expires it once.
     *
     * @return whether this call expired it
     */
    boolean expireIfDue(Instant now) {
        if (!isDueToExpireAt(now)) {
            return false;
        }
        status = DemandStatus.EXPIRED;
        expiredAt = now;
        recordStep("EXPIRE", DemandStatus.OPEN, SYSTEM_ACTOR, null, now);
        return true;
    }

    /** Whether brokers should look for solutions to it now: open, and not waiting for the enterprise. */
    public boolean isSeekingSolutions() {
        return status == DemandStatus.OPEN && triage != Triage.SENT_BACK;
    }

    boolean wasCreatedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    private void recordStep(String action, DemandStatus from, String actor, String note, Instant now) {
        long after = version == null ? 0 : version + 1;
        record(DemandStatusChanged.CONTRACT, id, new DemandStatusChanged(id, action, from.name(), status.name(),
                nameOf(triage), actor, note, title, problem, ownerInstitutionId, industryChain.name(), field,
                regionCode, budgetMinYuan, budgetMaxYuan, modeNames(), nameOf(wantedMaturity), deadline, after, now),
                now);
    }

    private void refreshTerms() {
        terms = List.copyOf(Terms.of(title, problem, field));
    }

    private List<String> modeNames() {
        return transferModes.stream().map(Enum::name).toList();
    }

    private static String nameOf(Enum<?> value) {
        return value == null ? null : value.name();
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String problem() {
        return problem;
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public IndustryChain industryChain() {
        return industryChain;
    }

    public String field() {
        return field;
    }

    public RegionCode region() {
        return new RegionCode(regionCode);
    }

    public BudgetRange budget() {
        return new BudgetRange(budgetMinYuan, budgetMaxYuan);
    }

    public Set<TransferMode> transferModes() {
        return transferModes.isEmpty() ? Set.of() : EnumSet.copyOf(transferModes);
    }

    public Maturity wantedMaturity() {
        return wantedMaturity;
    }

    public LocalDate deadline() {
        return deadline;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public DemandDetails.Contact contact() {
        return contactName == null && contactPhone == null ? null : new DemandDetails.Contact(contactName, contactPhone);
    }

    public Instant postedAt() {
        return postedAt;
    }

    public DemandStatus status() {
        return status;
    }

    public Triage triage() {
        return triage;
    }

    public String triagedBy() {
        return triagedBy;
    }

    public Instant triagedAt() {
        return triagedAt;
    }

    public Instant matchedAt() {
        return matchedAt;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant expiredAt() {
        return expiredAt;
    }

    public String lastNote() {
        return lastNote;
    }

    /** The telling words of its title, problem and field. */
    public List<String> terms() {
        return terms;
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
