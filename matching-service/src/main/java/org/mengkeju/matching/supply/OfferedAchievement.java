package org.mengkeju.matching.supply;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * This service's copy of an achievement (科技成果) as the catalog last described it, kept from the catalog's
 * {@code AchievementChanged} events. Read-only here: only a newer event changes it. A listing that left public
 * view (withdrawn, back in review) stays as a tombstone with {@code offered = false}, so that an older event arriving
 * late cannot bring it back.
 *
 * <p>Chain, maturity and modes are kept as the catalog's names, so a value this service does not know yet is kept,
 * not lost; matching reads them through the market's enums.
 */
@Document("offered_achievements")
public class OfferedAchievement {

    /** The catalog's statuses in which a listing is public, and so offered for matching. */
    static final Set<String> PUBLIC_STATUSES = Set.of("PUBLISHED", "UNDER_NEGOTIATION", "TRANSACTED");

    @Id
    private final String id;
    private final String title;
    private final String summary;
    private final String ownerInstitutionId;
    private final String industryChain;
    private final String maturity;
    private final List<String> transferModes;
    private final BigDecimal askingPriceYuan;
    private final String regionCode;
    private final String status;
    private final boolean offered;
    /** The catalog's version of the listing this copy was taken from. */
    private final long catalogVersion;
    /** The telling words of title and summary, taken when the copy was made. */
    private final List<String> terms;
    private final Instant changedAt;

    @PersistenceCreator
    OfferedAchievement(String id, String title, String summary, String ownerInstitutionId, String industryChain,
            String maturity, List<String> transferModes, BigDecimal askingPriceYuan, String regionCode, String status,
            boolean offered, long catalogVersion, List<String> terms, Instant changedAt) {
        this.id = id;
        this.title = title;
        this.summary = summary;
        this.ownerInstitutionId = ownerInstitutionId;
        this.industryChain = industryChain;
        this.maturity = maturity;
        this.transferModes = transferModes == null ? List.of() : List.copyOf(transferModes);
        this.askingPriceYuan = askingPriceYuan;
        this.regionCode = regionCode;
        this.status = status;
        this.offered = offered;
        this.catalogVersion = catalogVersion;
        this.terms = terms == null ? List.of() : List.copyOf(terms);
        this.changedAt = changedAt;
    }

    /** Whether a listing in the catalog's {@code status} is public. */
    public static boolean isPublicStatus(String status) {
        return PUBLIC_STATUSES.contains(status);
    }

    static boolean isPublic(String status) {
        return PUBLIC_STATUSES.contains(status);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public String industryChain() {
        return industryChain;
    }

    public String maturity() {
        return maturity;
    }

    public List<String> transferModes() {
        return transferModes;
    }

    /** The asking price in yuan; null when negotiable (面议). */
    public BigDecimal askingPriceYuan() {
        return askingPriceYuan;
    }

    public String regionCode() {
        return regionCode;
    }

    public String status() {
        return status;
    }

    /** Whether the listing is public, and so a candidate for matching. */
    public boolean offered() {
        return offered;
    }

    public long catalogVersion() {
        return catalogVersion;
    }

    public List<String> terms() {
        return terms;
    }

    public Instant changedAt() {
        return changedAt;
    }
}
