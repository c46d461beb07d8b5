package org.mengkeju.finance.product;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The use cases on financing products: a finance institution publishes, revises and withdraws its own; everyone
 * else reads what is on offer. Who may do what is decided here.
 *
 * <p>A finance institution sees only its own products: another institution's product, its rules included, does not
 * exist for it (404), so competitors learn nothing of each other's terms. Enterprises (partners), brokers,
 * sub-centers and operators read the products on offer; operators also the withdrawn ones.
 */
@Service
public class ProductShelf {

    private static final Logger log = LoggerFactory.getLogger(ProductShelf.class);
    public static final int MAX_PAGE = 200;
    /** How long a replica trusts its copy of the products on offer; a local change refreshes it at once. */
    static final Duration CACHE_FOR = Duration.ofSeconds(5);

    private final Products products;
    private final MongoTemplate mongo;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private volatile Snapshot onOffer;

    private record Snapshot(List<FinancingProduct> products, Instant takenAt) {
    }

    ProductShelf(Products products, MongoTemplate mongo, ApplicationEventPublisher events, Clock clock) {
        this.products = products;
        this.mongo = mongo;
        this.events = events;
        this.clock = clock;
    }

    public FinancingProduct publish(CallerIdentity caller, ProductType type, String name, ProductTerms terms,
            List<RuleGroup> rules) {
        String institution = mayPublish(caller);
        FinancingProduct product = checked(() -> FinancingProduct.publish(institution, type, name, terms, rules,
                caller.clientId(), clock.instant()));
        FinancingProduct saved = products.insert(product);
        changed(saved);
        log.info("product {} ({}) published by {} for {}", saved.id(), saved.type(), caller.clientId(), institution);
        return saved;
    }

    public FinancingProduct revise(CallerIdentity caller, String id, String name, ProductTerms terms,
            List<RuleGroup> rules) {
        FinancingProduct saved = null;
        for (int attempt = 0; attempt < 5 && saved == null; attempt++) {
            FinancingProduct product = manageable(caller, id);
            checked(() -> {
                product.revise(name, terms, rules, caller.clientId(), clock.instant());
                return product;
            });
            try {
                saved = products.save(product);
            } catch (org.springframework.dao.OptimisticLockingFailureException raced) {
                // Another change landed since the read: apply this one to the fresh product.
            }
        }
        if (saved == null) {
            throw ApiProblem.conflict("concurrent-change", "Concurrent change", "product " + id
                    + " is being changed by many requests at once; retry shortly");
        }
        changed(saved);
        log.info("product {} revised to version {} by {}", id, saved.productVersion(), caller.clientId());
        return saved;
    }

    /** A product the caller may see; a 404 for one it may not, as for one that does not exist. */
    public FinancingProduct get(CallerIdentity caller, String id) {
        return find(id).filter(product -> maySee(caller, product))
                .orElseThrow(() -> ApiProblem.notFound("product", id));
    }

    /** The products the caller may see, in id order after {@code after}. */
    public List<FinancingProduct> list(CallerIdentity caller, String after, int limit) {
        Criteria scope;
        if (caller.is(Role.FINANCE_INSTITUTION)) {
            scope = Criteria.where("institutionId").is(ownInstitution(caller));
        } else if (caller.is(Role.OPERATOR)) {
            scope = new Criteria();
        } else {
            scope = Criteria.where("status").is(ProductStatus.ACTIVE);
        }
        Query query = Query.query(new Criteria().andOperator(scope, Criteria.where("_id").gt(after == null ? ""
                : after))).with(Sort.by("_id")).limit(limit);
        return mongo.find(query, FinancingProduct.class);
    }

    /** Any product by id, for the service's own use (qualification, outcome checks); no caller involved. */
    public java.util.Optional<FinancingProduct> find(String id) {
        return id != null && id.matches(FinancingProduct.ID_PATTERN) ? products.findById(id)
                : java.util.Optional.empty();
    }

    /** The products on offer, as this replica last read them (at most {@link #CACHE_FOR} old). */
    public List<FinancingProduct> onOffer() {
        Snapshot snapshot = onOffer;
        Instant now = clock.instant();
        if (snapshot == null || snapshot.takenAt().plus(CACHE_FOR).isBefore(now)) {
            snapshot = new Snapshot(List.copyOf(mongo.find(Query.query(Criteria.where("status")
                    .is(ProductStatus.ACTIVE)), FinancingProduct.class)), now);
            onOffer = snapshot;
        }
        return snapshot.products();
    }

    /** The products whose current version profiles were not yet all qualified against. */
    public List<FinancingProduct> awaitingRequalification() {
        return mongo.find(Query.query(Criteria.where("status").is(ProductStatus.ACTIVE)), FinancingProduct.class)
                .stream().filter(FinancingProduct::needsRequalification).toList();
    }

    /**
     * Every profile was qualified against {@code productVersion}; never moves the mark back. Written by collection
     * name, so the product's version check is left alone: a bank's change racing with the mark is not refused.
     */
    public void markRequalified(String productId, int productVersion) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(productId).and("requalifiedVersion")
                .lt(productVersion)), Update.update("requalifiedVersion", productVersion), "products");
    }

    /** Who may publish: a finance institution, for its own institution. */
    static String mayPublish(CallerIdentity caller) {
        if (!caller.is(Role.FINANCE_INSTITUTION)) {
            throw ApiProblem.forbidden("financing products are published by finance institutions; a "
                    + caller.role() + " client does not publish them");
        }
        return ownInstitution(caller);
    }

    /** Who may see a product: its own institution, operators; anyone but another finance institution while on offer. */
    static boolean maySee(CallerIdentity caller, FinancingProduct product) {
        return switch (caller.role()) {
            case OPERATOR -> true;
            case FINANCE_INSTITUTION -> product.institutionId().equals(caller.institutionId());
            case PARTNER, BROKER, SUB_CENTER -> product.isActive();
        };
    }

    /** Who may change a product: the finance institution that published it. */
    static boolean mayManage(CallerIdentity caller, FinancingProduct product) {
        return caller.is(Role.FINANCE_INSTITUTION) && product.institutionId().equals(caller.institutionId());
    }

    private FinancingProduct manageable(CallerIdentity caller, String id) {
        FinancingProduct product = get(caller, id);
        if (!mayManage(caller, product)) {
            throw ApiProblem.forbidden("only the finance institution that published product " + id
                    + " changes it");
        }
        return product;
    }

    private static String ownInstitution(CallerIdentity caller) {
        if (caller.institutionId() == null) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no finance institution");
        }
        return caller.institutionId();
    }

    private void changed(FinancingProduct product) {
        onOffer = null;
        events.publishEvent(new ProductChanged(product.id(), product.productVersion()));
    }

    private static FinancingProduct checked(java.util.function.Supplier<FinancingProduct> change) {
        try {
            return change.get();
        } catch (InvalidProduct invalid) {
            throw ApiProblem.invalid("invalid-product", "Invalid product", invalid.getMessage());
        }
    }
}
