package org.mengkeju.finance.lead;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.finance.product.FinancingProduct;
import org.mengkeju.finance.product.ProductShelf;
import org.mengkeju.finance.product.Reason;
import org.mengkeju.finance.profile.EnterpriseProfile;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The use cases on leads: an enterprise applies for a product; a finance institution pulls its leads from the feed,
 * reads one and reports outcomes; an enterprise's withdrawal of consent takes its leads away. Who may do what is
 * decided here.
 *
 * <p>A finance institution sees only the leads of its own products; another institution's lead, and a lead the
 * enterprise's withdrawal took away, do not exist for it (404). An enterprise reads its own leads; operators all.
 */
@Service
public class LeadDesk {

    private static final Logger log = LoggerFactory.getLogger(LeadDesk.class);
    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    public static final int MAX_PAGE = 1000;
    private static final int ATTEMPTS = 10;
    private static final String CURSOR_PREFIX = "lf1:";

    private final Leads leads;
    private final ProductShelf shelf;
    private final ProfileBook book;
    private final LeadSequence sequence;
    private final OutboxAggregates aggregates;
    private final MongoTemplate mongo;
    private final Clock clock;

    LeadDesk(Leads leads, ProductShelf shelf, ProfileBook book, LeadSequence sequence, OutboxAggregates aggregates,
            MongoTemplate mongo, Clock clock) {
        this.leads = leads;
        this.shelf = shelf;
        this.book = book;
        this.sequence = sequence;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.clock = clock;
    }

    /**
     * The calling enterprise applies for a product on offer. Applying shares its profile with the product's
     * institution, so it records the enterprise's consent when none is given. A lead that exists is marked applied.
     */
    public Lead apply(CallerIdentity caller, String productId, BigDecimal requestedAmountYuan) {
        String enterpriseId = mayApply(caller);
        FinancingProduct product = shelf.find(productId).filter(FinancingProduct::isActive)
                .orElseThrow(() -> ApiProblem.notFound("product", productId));
        if (requestedAmountYuan != null && (requestedAmountYuan.signum() <= 0
                || requestedAmountYuan.compareTo(product.terms().amountMaxYuan()) > 0)) {
            throw ApiProblem.invalid("invalid-application", "Invalid application", "requestedAmountYuan: must be "
                    + "above 0 and at most the product's maximum of "
                    + product.terms().amountMaxYuan().toPlainString() + " yuan");
        }
        if (book.find(enterpriseId).map(p -> !p.hasConsent()).orElse(true)) {
            book.grantConsent(enterpriseId, caller.clientId());
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            EnterpriseProfile profile = book.find(enterpriseId).orElseThrow();
            Instant now = clock.instant();
            EnterpriseFacts facts = profile.facts(now);
            List<Reason> reasons = product.qualify(facts).orElse(List.of());
            try {
                Optional<Lead> existing = leads.findByEnterpriseIdAndProductId(enterpriseId, productId);
                if (existing.isEmpty()) {
                    Lead lead = sequence.numbered(Lead.applied(product, profile, reasons, facts, requestedAmountYuan,
                            caller.clientId(), now), leads::insert);
                    log.info("lead {}: {} applied for product {}", lead.id(), enterpriseId, productId);
                    return lead;
                }
                Lead lead = existing.get();
                if (!lead.apply(product, profile, reasons, facts, requestedAmountYuan, caller.clientId(), now)) {
                    return lead;
                }
                log.info("lead {}: {} applied for product {}", lead.id(), enterpriseId, productId);
                return sequence.numbered(lead, aggregates::save);
            } catch (DuplicateKeyException | OptimisticLockingFailureException raced) {
                // Qualification opened it meanwhile: apply to that one.
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change", "the lead of " + enterpriseId
                + " on product " + productId + " is being written by many requests at once; retry shortly");
    }

    /** A lead the caller may see, under the product named in the path; a 404 for any other. */
    public Lead get(CallerIdentity caller, String productId, String leadId) {
        Optional<Lead> found = leadId != null && leadId.matches(Lead.ID_PATTERN) ? leads.findById(leadId)
                : Optional.empty();
        return found.filter(lead -> lead.productId().equals(productId)).filter(lead -> maySee(caller, lead))
                .orElseThrow(() -> ApiProblem.notFound("lead", leadId));
    }

    /** The institution reports an outcome on one of its leads; validated, recorded, emitted. */
    public Lead report(CallerIdentity caller, String productId, String leadId, Outcome outcome, BigDecimal amountYuan,
            LocalDate onDate, String reason) {
        Lead lead = get(caller, productId, leadId);
        if (!mayReport(caller, lead)) {
            throw ApiProblem.forbidden("outcomes of lead " + leadId + " are reported by the finance institution "
                    + "that owns its product");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Instant now = clock.instant();
            try {
                lead.report(outcome, amountYuan, onDate, reason, caller.clientId(), now,
                        now.atZone(CHINA).toLocalDate());
                Lead saved = sequence.numbered(lead, aggregates::save);
                log.info("lead {}: {} reported by {}", leadId, outcome, caller.clientId());
                return saved;
            } catch (InvalidOutcome invalid) {
                throw ApiProblem.invalid("invalid-outcome", "Invalid outcome", invalid.getMessage());
            } catch (OutcomeRefused refused) {
                throw ApiProblem.conflict(refused.slug(), "Outcome not allowed", refused.getMessage());
            } catch (OptimisticLockingFailureException raced) {
                lead = get(caller, productId, leadId);
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change", "lead " + leadId
                + " is being written by many requests at once; retry shortly");
    }

    /** One entry of the feed: the lead as it is now, or its removal (consent withdrawn). */
    public record FeedEntry(long position, Lead lead, boolean removed) {
    }

    /** A page of the feed and the cursor to ask from next; {@code more} when the next page is ready now. */
    public record FeedPage(List<FeedEntry> entries, String next, boolean more) {
    }

    /**
     * The caller's leads that are new or changed since {@code after}, in the order of their changes. A lead the
     * enterprise's withdrawal took away appears once more, as a removal without anything about the enterprise.
     */
    public FeedPage feed(CallerIdentity caller, String after, int limit) {
        return feedOf(mayPull(caller), after, limit);
    }

    /** The cursor of the feed's end now: a webhook registered now is pushed what changes after it. */
    public String feedEnd() {
        return encode(sequence.horizon());
    }

    /** The feed of one institution, as it pulls it; what its webhook is pushed. */
    public FeedPage feedOf(String institution, String after, int limit) {
        long position = decode(after);
        long horizon = sequence.horizon();
        if (position >= horizon) {
            return new FeedPage(List.of(), encode(position), false);
        }
        Query query = Query.query(Criteria.where("institutionId").is(institution).and("changeSeq").gt(position)
                .lte(horizon)).with(Sort.by("changeSeq")).limit(limit + 1);
        query.fields().exclude("pendingEvents").exclude("parkedEvents").exclude("outcomes");
        List<Lead> found = mongo.find(query, Lead.class);
        boolean more = found.size() > limit;
        List<Lead> page = more ? found.subList(0, limit) : found;
        List<FeedEntry> entries = page.stream().map(lead -> new FeedEntry(lead.changeSeq(), lead,
                lead.status() == LeadStatus.WITHDRAWN)).toList();
        long next = more ? page.getLast().changeSeq() : horizon;
        return new FeedPage(entries, encode(next), more);
    }

    /** The position up to which every feed may be read now (see {@link LeadSequence}); one read. */
    public long feedHorizon() {
        return sequence.horizon();
    }

    /**
     * Whether the institution's feed holds anything after {@code after} up to {@code horizon}: one indexed look
     * ({@code institutionId, changeSeq}) for one entry, so a pusher can tell an idle feed without reading a page.
     */
    public boolean movedPast(String institution, String after, long horizon) {
        long position = decode(after);
        if (position >= horizon) {
            return false;
        }
        Query query = Query.query(Criteria.where("institutionId").is(institution).and("changeSeq").gt(position)
                .lte(horizon)).limit(1);
        query.fields().include("_id");
        return mongo.exists(query, Lead.class);
    }

    /** Takes every lead of the enterprise from the institutions; safe to run again after a crash. */
    public int withdrawAll(String enterpriseId, String actor) {
        int withdrawn = 0;
        for (Lead lead : leads.findByEnterpriseIdAndStatusNot(enterpriseId, LeadStatus.WITHDRAWN)) {
            Lead current = lead;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                try {
                    if (current.withdraw(actor, clock.instant())) {
                        sequence.numbered(current, aggregates::save);
                        withdrawn++;
                    }
                    break;
                } catch (OptimisticLockingFailureException raced) {
                    current = leads.findById(lead.id()).orElseThrow();
                }
            }
        }
        log.info("{} leads of {} withdrawn with its consent", withdrawn, enterpriseId);
        return withdrawn;
    }

    /** Who may apply: an enterprise, through a partner client acting for it. */
    static String mayApply(CallerIdentity caller) {
        if (!caller.is(Role.PARTNER) || caller.institutionId() == null) {
            throw ApiProblem.forbidden("enterprises apply for products through a partner client acting for them; a "
                    + caller.role() + " client " + caller.clientId() + " does not");
        }
        return caller.institutionId();
    }

    /**
     * Who may see a lead: the institution that owns its product while the enterprise consents, the enterprise
     * itself, operators.
     */
    static boolean maySee(CallerIdentity caller, Lead lead) {
        return switch (caller.role()) {
            case OPERATOR -> true;
            case FINANCE_INSTITUTION -> lead.institutionId().equals(caller.institutionId())
                    && lead.status() != LeadStatus.WITHDRAWN;
            case PARTNER -> lead.enterpriseId().equals(caller.institutionId());
            case BROKER, SUB_CENTER -> false;
        };
    }

    /** Who may report outcomes: the finance institution that owns the lead's product. */
    static boolean mayReport(CallerIdentity caller, Lead lead) {
        return caller.is(Role.FINANCE_INSTITUTION) && lead.institutionId().equals(caller.institutionId());
    }

    /** Who may pull a feed: a finance institution, its own. */
    static String mayPull(CallerIdentity caller) {
        if (!caller.is(Role.FINANCE_INSTITUTION) || caller.institutionId() == null) {
            throw ApiProblem.forbidden("the lead feed is pulled by finance institutions, each its own leads");
        }
        return caller.institutionId();
    }

    static String encode(long position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((CURSOR_PREFIX + position)
                .getBytes(StandardCharsets.UTF_8));
    }

    static long decode(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(CURSOR_PREFIX)) {
                long position = Long.parseLong(text.substring(CURSOR_PREFIX.length()));
                if (position >= 0) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the 400 below.
        }
        throw ApiProblem.invalid("invalid-cursor", "Invalid cursor", "after: is not a cursor this feed gave out");
    }
}
