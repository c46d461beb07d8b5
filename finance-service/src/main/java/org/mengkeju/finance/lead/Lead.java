package org.mengkeju.finance.lead;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.mengkeju.events.finance.LeadStatusChanged;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.finance.product.FinancingProduct;
import org.mengkeju.finance.product.ProductType;
import org.mengkeju.finance.product.Reason;
import org.mengkeju.finance.profile.EnterpriseProfile;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A lead (融资线索): an enterprise for a finance institution's product, with the reasons it qualified and the
 * version of the product's rules it qualified under, and the outcomes the institution reported. One lead per
 * enterprise and product (a unique index), so a profile that qualifies again, or an enterprise that also applies,
 * never doubles it. Every change carries the next number of the lead feed ({@code changeSeq}) and records
 * {@link LeadStatusChanged} in the same write.
 */
@Document("leads")
@CompoundIndexes({
        @CompoundIndex(name = "one_per_enterprise_and_product", def = "{'enterpriseId': 1, 'productId': 1}",
                unique = true),
        @CompoundIndex(name = "feed", def = "{'institutionId': 1, 'changeSeq': 1}"),
        // MongoDB answers a page of the feed from the index above; a store that keys an index on its first field only
        // would read and sort every lead of the institution for each page, and walks this one from the cursor instead.
        @CompoundIndex(name = "feed_order", def = "{'changeSeq': 1}"),
        @CompoundIndex(name = "by_product", def = "{'productId': 1, '_id': 1}")})
public class Lead extends OutboxAggregate {

    public static final String ID_PATTERN = "ld-[0-9a-f]{16}";
    static final String SERVICE_ACTOR = "finance-service";
    static final int MAX_OUTCOMES = 50;
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private final String id;
    private final String productId;
    private int productVersion;
    private final ProductType productType;
    private String productName;
    private final String institutionId;
    /** The product's largest amount at the version the lead is under: no approval or disbursement above it. */
    private BigDecimal amountMaxYuan;
    private final String enterpriseId;
    private String enterpriseName;
    private String enterpriseCreditCode;
    private String enterpriseRegionCode;
    private LeadOrigin origin;
    private boolean applied;
    private BigDecimal requestedAmountYuan;
    private List<Reason> reasons;
    private EnterpriseFacts facts;
    private LeadStatus status;
    private BigDecimal approvedAmountYuan;
    private LocalDate approvedOn;
    private BigDecimal disbursedAmountYuan;
    private LocalDate disbursedOn;
    private String rejectionReason;
    private final List<OutcomeReport> outcomes;
    private final Instant openedAt;
    private Instant changedAt;
    private long changeSeq;
    @Version
    private Long version;

    @PersistenceCreator
    Lead(String id, String productId, int productVersion, ProductType productType, String productName,
            String institutionId, BigDecimal amountMaxYuan, String enterpriseId, String enterpriseName,
            String enterpriseCreditCode, String enterpriseRegionCode, LeadOrigin origin, boolean applied,
            BigDecimal requestedAmountYuan, List<Reason> reasons, EnterpriseFacts facts, LeadStatus status,
            BigDecimal approvedAmountYuan, LocalDate approvedOn, BigDecimal disbursedAmountYuan, LocalDate disbursedOn,
            String rejectionReason, List<OutcomeReport> outcomes, Instant openedAt, Instant changedAt, long changeSeq,
            Long version) {
        this.id = id;
        this.productId = productId;
        this.productVersion = productVersion;
        this.productType = productType;
        this.productName = productName;
        this.institutionId = institutionId;
        this.amountMaxYuan = amountMaxYuan;
        this.enterpriseId = enterpriseId;
        this.enterpriseName = enterpriseName;
        this.enterpriseCreditCode = enterpriseCreditCode;
        this.enterpriseRegionCode = enterpriseRegionCode;
        this.origin = origin;
        this.applied = applied;
        this.requestedAmountYuan = requestedAmountYuan;
        this.reasons = reasons == null ? List.of() : List.copyOf(reasons);
        this.facts = facts;
        this.status = status;
        this.approvedAmountYuan = approvedAmountYuan;
        this.approvedOn = approvedOn;
        this.disbursedAmountYuan = disbursedAmountYuan;
        this.disbursedOn = disbursedOn;
        this.rejectionReason = rejectionReason;
        this.outcomes = outcomes == null ? new ArrayList<>() : new ArrayList<>(outcomes);
        this.openedAt = openedAt;
        this.changedAt = changedAt;
        this.changeSeq = changeSeq;
        this.version = version;
    }

    /** A lead opened because the profile satisfied the product's current rules, for these reasons. */
    static Lead qualified(FinancingProduct product, EnterpriseProfile profile, List<Reason> reasons,
            EnterpriseFacts facts, Instant now) {
        Lead lead = open(product, profile, LeadOrigin.QUALIFIED, reasons, facts, null, now);
        lead.recordChange("QUALIFIED", null, null, null, null, SERVICE_ACTOR, now);
        return lead;
    }

    /**
     * A lead opened by the enterprise's own application; the reasons are those of the rules it satisfies (possibly
     * none: the institution decides).
     */
    static Lead applied(FinancingProduct product, EnterpriseProfile profile, List<Reason> reasons,
            EnterpriseFacts facts, BigDecimal requestedAmountYuan, String actor, Instant now) {
        Lead lead = open(product, profile, LeadOrigin.APPLIED, reasons, facts, requestedAmountYuan, now);
        lead.applied = true;
        lead.recordChange("APPLIED", null, requestedAmountYuan, null, null, actor, now);
        return lead;
    }

    private static Lead open(FinancingProduct product, EnterpriseProfile profile, LeadOrigin origin,
            List<Reason> reasons, EnterpriseFacts facts, BigDecimal requested, Instant now) {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return new Lead("ld-" + HexFormat.of().formatHex(bytes), product.id(), product.productVersion(),
                product.type(), product.name(), product.institutionId(), product.terms().amountMaxYuan(),
                profile.id(), profile.name(), profile.creditCode(), profile.regionCode(), origin, false, requested,
                reasons, facts, LeadStatus.NEW, null, null, null, null, null, List.of(), now, now, 0, null);
    }

    /**
     * The enterprise applied for a product it already has a lead for: the lead is marked applied (and reopened, at
     * the product's current version, when a withdrawal of consent had taken it away). False when nothing changes.
     */
    boolean apply(FinancingProduct product, EnterpriseProfile profile, List<Reason> newReasons,
            EnterpriseFacts newFacts, BigDecimal requested, String actor, Instant now) {
        if (status == LeadStatus.WITHDRAWN) {
            reopen(product, profile, LeadOrigin.APPLIED, newReasons, newFacts);
        } else if (applied) {
            return false;
        }
        LeadStatus from = status;
        applied = true;
        requestedAmountYuan = requested;
        status = status == LeadStatus.WITHDRAWN ? LeadStatus.NEW : status;
        recordChange("APPLIED", from, requested, null, null, actor, now);
        return true;
    }

    /**
     * The profile qualifies again after its consent came back: a lead the withdrawal took away is opened again at
     * the product's current version. False for a lead that was never taken away (it keeps its version).
     */
    boolean requalify(FinancingProduct product, EnterpriseProfile profile, List<Reason> newReasons,
            EnterpriseFacts newFacts, Instant now) {
        if (status != LeadStatus.WITHDRAWN) {
            return false;
        }
        reopen(product, profile, LeadOrigin.QUALIFIED, newReasons, newFacts);
        applied = false;
        requestedAmountYuan = null;
        status = LeadStatus.NEW;
        recordChange("QUALIFIED", LeadStatus.WITHDRAWN, null, null, null, SERVICE_ACTOR, now);
        return true;
    }

    private void reopen(FinancingProduct product, EnterpriseProfile profile, LeadOrigin newOrigin,
            List<Reason> newReasons, EnterpriseFacts newFacts) {
        productVersion = product.productVersion();
        productName = product.name();
        amountMaxYuan = product.terms().amountMaxYuan();
        enterpriseName = profile.name();
        enterpriseCreditCode = profile.creditCode();
        enterpriseRegionCode = profile.regionCode();
        origin = newOrigin;
        reasons = List.copyOf(newReasons);
        facts = newFacts;
        approvedAmountYuan = null;
        approvedOn = null;
        disbursedAmountYuan = null;
        disbursedOn = null;
        rejectionReason = null;
    }

    /**
     * The institution reports an outcome. The amount, date and reason are checked against the outcome (400 when
     * wrong), the transition against the status (409 when the status does not allow it: no disbursement before an
     * approval).
     *
     * @param today the local day (Asia/Shanghai) now: no outcome is dated after it
     */
    void report(Outcome outcome, BigDecimal amountYuan, LocalDate onDate, String reason, String actor, Instant now,
            LocalDate today) {
        if (status == LeadStatus.WITHDRAWN) {
            throw new OutcomeRefused("consent-withdrawn", "lead " + id + " was withdrawn with the enterprise's "
                    + "consent; nothing more is reported on it");
        }
        if (outcomes.size() >= MAX_OUTCOMES) {
            throw new OutcomeRefused("too-many-outcomes", "lead " + id + " holds " + MAX_OUTCOMES + " outcomes");
        }
        checkFields(outcome, amountYuan, onDate, reason, today);
        if (!outcome.leadsTo().reachableFrom().contains(status)) {
            String slug = outcome == Outcome.DISBURSED ? "not-approved" : "outcome-not-allowed";
            throw new OutcomeRefused(slug, "lead " + id + " is " + status + "; " + outcome + " follows "
                    + outcome.leadsTo().reachableFrom() + (outcome == Outcome.DISBURSED
                    ? ": a loan is disbursed only after it was approved" : ""));
        }
        switch (outcome) {
            case APPROVED -> {
                approvedAmountYuan = amountYuan;
                approvedOn = onDate;
            }
            case DISBURSED -> {
                if (amountYuan.compareTo(approvedAmountYuan) > 0) {
                    throw new InvalidOutcome("amountYuan", "the disbursement of " + amountYuan.toPlainString()
                            + " yuan is above the approved " + approvedAmountYuan.toPlainString() + " yuan");
                }
                if (approvedOn != null && onDate.isBefore(approvedOn)) {
                    throw new InvalidOutcome("date", "the disbursement is dated before the approval on "
                            + approvedOn);
                }
                disbursedAmountYuan = amountYuan;
                disbursedOn = onDate;
            }
            case REJECTED -> rejectionReason = reason.strip();
            case CONTACTED -> {
                // Nothing beyond the status.
            }
        }
        LeadStatus from = status;
        status = outcome.leadsTo();
        outcomes.add(new OutcomeReport(outcome, amountYuan, onDate, reason == null ? null : reason.strip(), actor,
                now));
        recordChange(outcome.name(), from, amountYuan, onDate, outcome == Outcome.REJECTED ? reason.strip() : null,
                actor, now);
    }

    private void checkFields(Outcome outcome, BigDecimal amountYuan, LocalDate onDate, String reason,
            LocalDate today) {
        boolean takesAmount = outcome == Outcome.APPROVED || outcome == Outcome.DISBURSED;
        if (takesAmount) {
            if (amountYuan == null) {
                throw new InvalidOutcome("amountYuan", outcome + " needs the amount in yuan");
            }
            if (amountYuan.signum() <= 0) {
                throw new InvalidOutcome("amountYuan", "must be a positive amount of yuan, not "
                        + amountYuan.toPlainString());
            }
            if (amountYuan.stripTrailingZeros().scale() > 2) {
                throw new InvalidOutcome("amountYuan", "yuan have at most two decimals (fen)");
            }
            if (amountYuan.compareTo(amountMaxYuan) > 0) {
                throw new InvalidOutcome("amountYuan", amountYuan.toPlainString() + " yuan is above the product's "
                        + "maximum of " + amountMaxYuan.toPlainString() + " yuan (version " + productVersion + ")");
            }
            if (onDate == null) {
                throw new InvalidOutcome("date", outcome + " needs the local day it happened");
            }
        } else if (amountYuan != null) {
            throw new InvalidOutcome("amountYuan", outcome + " takes no amount");
        }
        if (onDate != null && onDate.isAfter(today)) {
            throw new InvalidOutcome("date", onDate + " is in the future (today is " + today + ")");
        }
        if (outcome == Outcome.REJECTED && (reason == null || reason.isBlank())) {
            throw new InvalidOutcome("reason", "a rejection needs its reason");
        }
        if (outcome != Outcome.REJECTED && reason != null) {
            throw new InvalidOutcome("reason", "only a rejection takes a reason");
        }
    }

    /**
     * The enterprise withdrew its consent: the institution loses the lead. What identifies the enterprise or
     * describes it is erased; the amounts stay for the platform's totals. False when already withdrawn.
     */
    boolean withdraw(String actor, Instant now) {
        if (status == LeadStatus.WITHDRAWN) {
            return false;
        }
        LeadStatus from = status;
        status = LeadStatus.WITHDRAWN;
        enterpriseName = null;
        enterpriseCreditCode = null;
        enterpriseRegionCode = null;
        reasons = List.of();
        facts = null;
        requestedAmountYuan = null;
        recordChange("WITHDRAWN", from, null, null, null, actor, now);
        return true;
    }

    private void recordChange(String action, LeadStatus from, BigDecimal amount, LocalDate onDate, String reason,
            String actor, Instant now) {
        changedAt = now;
        record(LeadStatusChanged.CONTRACT, id, new LeadStatusChanged(id, action, from == null ? null : from.name(),
                status.name(), productId, productVersion, productType.name(), institutionId, enterpriseId, amount,
                onDate, reason, actor, now), now);
    }

    /** The number of this change in the lead feed, taken just before the write. */
    void stampChange(long sequence) {
        changeSeq = sequence;
    }

    public String id() {
        return id;
    }

    public String productId() {
        return productId;
    }

    public int productVersion() {
        return productVersion;
    }

    public ProductType productType() {
        return productType;
    }

    public String productName() {
        return productName;
    }

    public String institutionId() {
        return institutionId;
    }

    public BigDecimal amountMaxYuan() {
        return amountMaxYuan;
    }

    public String enterpriseId() {
        return enterpriseId;
    }

    public String enterpriseName() {
        return enterpriseName;
    }

    public String enterpriseCreditCode() {
        return enterpriseCreditCode;
    }

    public String enterpriseRegionCode() {
        return enterpriseRegionCode;
    }

    public LeadOrigin origin() {
        return origin;
    }

    public boolean applied() {
        return applied;
    }

    public BigDecimal requestedAmountYuan() {
        return requestedAmountYuan;
    }

    public List<Reason> reasons() {
        return reasons;
    }

    public EnterpriseFacts facts() {
        return facts;
    }

    public LeadStatus status() {
        return status;
    }

    public BigDecimal approvedAmountYuan() {
        return approvedAmountYuan;
    }

    public LocalDate approvedOn() {
        return approvedOn;
    }

    public BigDecimal disbursedAmountYuan() {
        return disbursedAmountYuan;
    }

    public LocalDate disbursedOn() {
        return disbursedOn;
    }

    public String rejectionReason() {
        return rejectionReason;
    }

    public List<OutcomeReport> outcomes() {
        return List.copyOf(outcomes);
    }

    public Instant openedAt() {
        return openedAt;
    }

    public Instant changedAt() {
        return changedAt;
    }

    public long changeSeq() {
        return changeSeq;
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
