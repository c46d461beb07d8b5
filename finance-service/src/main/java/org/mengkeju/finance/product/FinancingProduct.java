package org.mengkeju.finance.product;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A financing product (金融产品) a finance institution publishes: a loan or an insurance, its terms and the
 * eligibility rules a profile must satisfy to become a lead. Every change is a new version; the versions before are
 * kept, so a lead can say what it qualified under. Whether profiles were re-qualified against the current version is
 * part of the product: {@code requalifiedVersion} trails {@code productVersion} until the qualification run is done,
 * so a run a crash cut short is run again.
 */
@Document("products")
@CompoundIndexes({
        @CompoundIndex(name = "by_institution", def = "{'institutionId': 1, '_id': 1}"),
        @CompoundIndex(name = "by_status", def = "{'status': 1, '_id': 1}")})
public class FinancingProduct {

    /** The most versions one product keeps in its document. */
    static final int MAX_VERSIONS = 200;
    private static final SecureRandom RANDOM = new SecureRandom();
    public static final String ID_PATTERN = "fp-[0-9a-f]{16}";

    @Id
    private final String id;
    private final String institutionId;
    private final ProductType type;
    private String name;
    private ProductTerms terms;
    private List<RuleGroup> rules;
    private ProductStatus status;
    private int productVersion;
    private int requalifiedVersion;
    private final List<ProductVersion> history;
    private final Instant createdAt;
    private Instant updatedAt;
    @Version
    private Long version;

    @PersistenceCreator
    FinancingProduct(String id, String institutionId, ProductType type, String name, ProductTerms terms,
            List<RuleGroup> rules, ProductStatus status, int productVersion, int requalifiedVersion,
            List<ProductVersion> history, Instant createdAt, Instant updatedAt, Long version) {
        this.id = id;
        this.institutionId = institutionId;
        this.type = type;
        this.name = name;
        this.terms = terms;
        this.rules = rules == null ? List.of() : List.copyOf(rules);
        this.status = status;
        this.productVersion = productVersion;
        this.requalifiedVersion = requalifiedVersion;
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.version = version;
    }

    /** A new product, version 1, checked whole: terms and rules. */
    static FinancingProduct publish(String institutionId, ProductType type, String name, ProductTerms terms,
            List<RuleGroup> rules, String actor, Instant now) {
        check(type, name, terms, rules);
        FinancingProduct product = new FinancingProduct(newId(), institutionId, type, name.strip(), terms, rules,
                ProductStatus.ACTIVE, 1, 0, List.of(), now, now, null);
        product.history.add(new ProductVersion(1, product.name, terms, product.rules, actor, now));
        return product;
    }

    /** A new version with these terms and rules; profiles are qualified against it afresh. */
    void revise(String name, ProductTerms terms, List<RuleGroup> rules, String actor, Instant now) {
        check(type, name, terms, rules);
        if (history.size() >= MAX_VERSIONS) {
            throw new InvalidProduct("rules", "product " + id + " has " + MAX_VERSIONS + " versions, the most one "
                    + "product keeps; publish a new product");
        }
        this.name = name.strip();
        this.terms = terms;
        this.rules = List.copyOf(rules);
        this.productVersion++;
        this.updatedAt = now;
        history.add(new ProductVersion(productVersion, this.name, terms, this.rules, actor, now));
    }

    private static void check(ProductType type, String name, ProductTerms terms, List<RuleGroup> rules) {
        if (type == null) {
            throw new InvalidProduct("type", "is required");
        }
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new InvalidProduct("name", "must be 1 to 100 characters");
        }
        if (terms == null) {
            throw new InvalidProduct("terms", "is required");
        }
        terms.validate();
        Eligibility.validate(rules);
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "fp-" + HexFormat.of().formatHex(bytes);
    }

    /** The version a lead qualified under, as it was. */
    public Optional<ProductVersion> atVersion(int number) {
        return history.stream().filter(v -> v.version() == number).findFirst();
    }

    /** The reasons {@code facts} satisfy the current rules, or empty when they do not. */
    public Optional<List<Reason>> qualify(EnterpriseFacts facts) {
        return Eligibility.qualify(rules, facts);
    }

    public boolean isActive() {
        return status == ProductStatus.ACTIVE;
    }

    public boolean needsRequalification() {
        return isActive() && requalifiedVersion < productVersion;
    }

    public String id() {
        return id;
    }

    public String institutionId() {
        return institutionId;
    }

    public ProductType type() {
        return type;
    }

    public String name() {
        return name;
    }

    public ProductTerms terms() {
        return terms;
    }

    public List<RuleGroup> rules() {
        return rules;
    }

    public ProductStatus status() {
        return status;
    }

    public int productVersion() {
        return productVersion;
    }

    public int requalifiedVersion() {
        return requalifiedVersion;
    }

    public List<ProductVersion> history() {
        return List.copyOf(history);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public Long version() {
        return version;
    }
}
