package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.mengkeju.finance.product.EnterpriseFacts;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An enterprise's profile (企业画像), built from other services' events: its registered contracts (contract-service),
 * its achievements (catalog-service), its innovation points (points-service), its name and league-city (the
 * catalog's institutions), plus its high-tech status and its consent. Each fact is kept under the id of what it
 * came from, so applying an event twice sets the same entry twice: redelivery and replay change nothing. Written
 * only by single-document atomic updates ({@link Profiles}); this class reads.
 */
@Document("profiles")
// What a re-qualification walks, one alternative of a rule group at a time (see Candidates).
@CompoundIndexes({
        @CompoundIndex(name = "by_contracts", def = "{'summary.contracts': 1}"),
        @CompoundIndex(name = "by_technology_amount", def = "{'summary.technologyAmountBound': 1}"),
        @CompoundIndex(name = "by_points", def = "{'summary.points': 1}"),
        @CompoundIndex(name = "by_region", def = "{'regionCode': 1}"),
        @CompoundIndex(name = "by_institution_type", def = "{'institutionType': 1}")})
public class EnterpriseProfile {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    /** The statuses in which an achievement is public in the catalog. */
    static final Set<String> PUBLIC = Set.of("PUBLISHED", "UNDER_NEGOTIATION", "TRANSACTED");

    @Id
    private final String id;
    private final String name;
    private final String creditCode;
    private final String regionCode;
    private final String institutionType;
    private final Map<String, ContractFact> contracts;
    private final Map<String, AchievementFact> achievements;
    private final Map<String, Long> points;
    private final HighTechStatus highTech;
    private final Consent consent;
    private final Instant updatedAt;

    @PersistenceCreator
    EnterpriseProfile(String id, String name, String creditCode, String regionCode, String institutionType,
            Map<String, ContractFact> contracts, Map<String, AchievementFact> achievements, Map<String, Long> points,
            HighTechStatus highTech, Consent consent, Instant updatedAt) {
        this.id = id;
        this.name = name;
        this.creditCode = creditCode;
        this.regionCode = regionCode;
        this.institutionType = institutionType;
        this.contracts = contracts == null ? Map.of() : contracts;
        this.achievements = achievements == null ? Map.of() : achievements;
        this.points = points == null ? Map.of() : points;
        this.highTech = highTech;
        this.consent = consent;
        this.updatedAt = updatedAt;
    }

    /** The facts eligibility rules test, as they stand at {@code now}: the 12 months end there. */
    public EnterpriseFacts facts(Instant now) {
        Instant yearAgo = now.atZone(CHINA).minusMonths(12).toInstant();
        int contracts12m = 0;
        BigDecimal amount12m = BigDecimal.ZERO;
        for (ContractFact contract : contracts.values()) {
            if (!contract.cancelled() && contract.registeredAt() != null && contract.registeredAt().isAfter(yearAgo)) {
                contracts12m++;
                if (contract.technologyTransactionAmountYuan() != null) {
                    amount12m = amount12m.add(contract.technologyTransactionAmountYuan());
                }
            }
        }
        int published = 0;
        int transacted = 0;
        // The same patent may stand behind several listings of the owner: counted once.
        Set<String> grantedPatents = new HashSet<>();
        for (AchievementFact achievement : achievements.values()) {
            if (!"WITHDRAWN".equals(achievement.status()) && !"REJECTED".equals(achievement.status())) {
                grantedPatents.addAll(achievement.grantedPatents());
            }
            if (PUBLIC.contains(achievement.status())) {
                published++;
            }
            if ("TRANSACTED".equals(achievement.status())) {
                transacted++;
            }
        }
        long pointsTotal = points.values().stream().mapToLong(Long::longValue).sum();
        LocalDate today = now.atZone(CHINA).toLocalDate();
        boolean highTechInForce = highTech != null && !highTech.validUntil().isBefore(today);
        return new EnterpriseFacts(highTechInForce, contracts12m, amount12m, published, transacted,
                grantedPatents.size(), pointsTotal, regionCode, institutionType);
    }

    /**
     * The achievements a profile counts: those recorded beside it ({@link RecordedAchievement}) and those a profile
     * stored before they moved there may still hold itself; of two versions of one, the newer.
     */
    static Map<String, AchievementFact> newestOf(Map<String, AchievementFact> held,
            Map<String, AchievementFact> recorded) {
        if (held.isEmpty() || recorded.isEmpty()) {
            return held.isEmpty() ? recorded : held;
        }
        Map<String, AchievementFact> newest = new HashMap<>(held);
        recorded.forEach((key, fact) -> newest.merge(key, fact, (a, b) -> a.version() >= b.version() ? a : b));
        return newest;
    }

    public boolean hasConsent() {
        return consent != null && consent.granted();
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String creditCode() {
        return creditCode;
    }

    public String regionCode() {
        return regionCode;
    }

    public String institutionType() {
        return institutionType;
    }

    public Map<String, ContractFact> contracts() {
        return Map.copyOf(contracts);
    }

    public Map<String, AchievementFact> achievements() {
        return Map.copyOf(achievements);
    }

    public HighTechStatus highTech() {
        return highTech;
    }

    public Consent consent() {
        return consent;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
