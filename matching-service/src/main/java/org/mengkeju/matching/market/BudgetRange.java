package org.mengkeju.matching.market;

import java.math.BigDecimal;

/**
 * What an enterprise would pay for a solution, in yuan, exact to the fen. Either end may be open; both open means
 * the price is to be negotiated (面议).
 *
 * @param minYuan the least it expects to pay, or null
 * @param maxYuan the most it would pay, or null
 */
public record BudgetRange(BigDecimal minYuan, BigDecimal maxYuan) {

    public BudgetRange {
        if (minYuan != null && minYuan.signum() < 0) {
            throw new IllegalArgumentException("budgetMinYuan must not be negative");
        }
        if (maxYuan != null && maxYuan.signum() <= 0) {
            throw new IllegalArgumentException("budgetMaxYuan must be more than zero");
        }
        if (minYuan != null && maxYuan != null && minYuan.compareTo(maxYuan) > 0) {
            throw new IllegalArgumentException("budgetMinYuan " + minYuan.toPlainString()
                    + " is more than budgetMaxYuan " + maxYuan.toPlainString());
        }
    }

    public static BudgetRange open() {
        return new BudgetRange(null, null);
    }

    /** Whether an asking price fits under the budget's upper end (an open upper end takes any price). */
    public boolean covers(BigDecimal askingPriceYuan) {
        return askingPriceYuan != null && (maxYuan == null || askingPriceYuan.compareTo(maxYuan) <= 0);
    }

    public boolean isOpen() {
        return minYuan == null && maxYuan == null;
    }
}
