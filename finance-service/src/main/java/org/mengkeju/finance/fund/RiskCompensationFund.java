package org.mengkeju.finance.fund;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A risk-compensation fund (风险补偿金): capital set aside to cover part of the losses on loans its cooperating
 * finance institutions make, up to a leverage cap (the regional fund backed 1.35 billion yuan of loans with 110
 * million, 1:8.3). Disbursed loans of those institutions are tracked against the cap: capital × leverage. A loan that
 * would take the total over the cap is flagged, not counted; the loans are kept in the fund's document, so a loan
 * and the total it changes are one write.
 */
@Document("funds")
public class RiskCompensationFund {

    public static final String ID_PATTERN = "rcf-[0-9a-f]{12}";
    /** The most loans one fund's document keeps: far above the 52 firms of the regional fund. */
    static final int MAX_LOANS = 20_000;
    static final BigDecimal MAX_LEVERAGE = new BigDecimal("20");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Id
    private final String id;
    private final String name;
    private final BigDecimal capitalYuan;
    private final BigDecimal leverageCap;
    @Indexed
    private final List<String> institutionIds;
    /** The product types covered; empty for all of the institutions' products. */
    private final List<String> productTypes;
    private final List<FundLoan> loans;
    private BigDecimal countedYuan;
    private BigDecimal flaggedYuan;
    private final Instant createdAt;
    @Version
    private Long version;

    @PersistenceCreator
    RiskCompensationFund(String id, String name, BigDecimal capitalYuan, BigDecimal leverageCap,
            List<String> institutionIds, List<String> productTypes, List<FundLoan> loans, BigDecimal countedYuan,
            BigDecimal flaggedYuan, Instant createdAt, Long version) {
        this.id = id;
        this.name = name;
        this.capitalYuan = capitalYuan;
        this.leverageCap = leverageCap;
        this.institutionIds = institutionIds == null ? List.of() : List.copyOf(institutionIds);
        this.productTypes = productTypes == null ? List.of() : List.copyOf(productTypes);
        this.loans = loans == null ? new ArrayList<>() : new ArrayList<>(loans);
        this.countedYuan = countedYuan == null ? BigDecimal.ZERO : countedYuan;
        this.flaggedYuan = flaggedYuan == null ? BigDecimal.ZERO : flaggedYuan;
        this.createdAt = createdAt;
        this.version = version;
    }

    static RiskCompensationFund establish(String name, BigDecimal capitalYuan, BigDecimal leverageCap,
            List<String> institutionIds, List<String> productTypes, Instant now) {
        if (name == null || name.isBlank() || name.strip().length() > 100) {
            throw new IllegalArgumentException("name: must be 1 to 100 characters");
        }
        if (capitalYuan == null || capitalYuan.signum() <= 0 || capitalYuan.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("capitalYuan: must be a positive amount of yuan (at most fen)");
        }
        if (leverageCap == null || leverageCap.compareTo(BigDecimal.ONE) < 0
                || leverageCap.compareTo(MAX_LEVERAGE) > 0 || leverageCap.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("leverageCap: must be 1 to " + MAX_LEVERAGE
                    + " (loans per yuan of capital), at most two decimals");
        }
        if (institutionIds == null || institutionIds.isEmpty() || institutionIds.size() > 100) {
            throw new IllegalArgumentException("institutionIds: lists 1 to 100 cooperating finance institutions");
        }
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return new RiskCompensationFund("rcf-" + HexFormat.of().formatHex(bytes), name.strip(), capitalYuan,
                leverageCap, institutionIds, productTypes, List.of(), BigDecimal.ZERO, BigDecimal.ZERO, now, null);
    }

    /** Whether a loan of this institution and product type is one the fund covers. */
    boolean covers(String institutionId, String productType) {
        return institutionIds.contains(institutionId) && (productTypes.isEmpty() || productTypes.contains(productType));
    }

    /**
     * Tracks a disbursed loan: counted when the total stays within the cap, flagged otherwise. Null when the fund
     * already tracks the lead (a redelivered event), else the loan as tracked.
     */
    FundLoan track(String leadId, String institutionId, String productType, BigDecimal amountYuan,
            LocalDate disbursedOn, Instant now) {
        if (loans.stream().anyMatch(loan -> loan.leadId().equals(leadId))) {
            return null;
        }
        if (loans.size() >= MAX_LOANS) {
            throw new IllegalStateException("fund " + id + " tracks " + MAX_LOANS + " loans, the most one fund keeps");
        }
        boolean withinCap = countedYuan.add(amountYuan).compareTo(capacityYuan()) <= 0;
        FundLoan loan = new FundLoan(leadId, institutionId, productType, amountYuan, disbursedOn, withinCap, now);
        loans.add(loan);
        if (withinCap) {
            countedYuan = countedYuan.add(amountYuan);
        } else {
            flaggedYuan = flaggedYuan.add(amountYuan);
        }
        return loan;
    }

    /** The most loans the fund backs: capital × leverage cap. */
    public BigDecimal capacityYuan() {
        return capitalYuan.multiply(leverageCap).setScale(2, RoundingMode.DOWN);
    }

    public BigDecimal headroomYuan() {
        return capacityYuan().subtract(countedYuan).max(BigDecimal.ZERO);
    }

    /** Loans counted per yuan of capital, e.g. 8.30. */
    public BigDecimal leverageUsed() {
        return countedYuan.divide(capitalYuan, 2, RoundingMode.HALF_UP);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public BigDecimal capitalYuan() {
        return capitalYuan;
    }

    public BigDecimal leverageCap() {
        return leverageCap;
    }

    public List<String> institutionIds() {
        return institutionIds;
    }

    public List<String> productTypes() {
        return productTypes;
    }

    public List<FundLoan> loans() {
        return List.copyOf(loans);
    }

    public BigDecimal countedYuan() {
        return countedYuan;
    }

    public BigDecimal flaggedYuan() {
        return flaggedYuan;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
