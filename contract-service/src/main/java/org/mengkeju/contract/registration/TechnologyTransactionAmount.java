package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The technology transaction amount (技术交易额): the contract amount (成交额) less its non-technical costs, exact to
 * the fen and never negative. It is computed here and only here; a client never states it.
 *
 * @param contractAmountYuan  the contract amount, yuan
 * @param nonTechnicalCostsYuan the sum of the non-technical cost items, yuan
 * @param amountYuan          the technology transaction amount, yuan
 */
public record TechnologyTransactionAmount(BigDecimal contractAmountYuan, BigDecimal nonTechnicalCostsYuan,
        BigDecimal amountYuan) {

    /** Refuses amounts that are not positive whole fen, costs that are negative, and costs above the total. */
    public static TechnologyTransactionAmount of(BigDecimal contractAmountYuan, List<CostItem> costs) {
        BigDecimal total = fen(contractAmountYuan, "contractAmountYuan");
        if (total.signum() <= 0) {
            throw new RuleViolation("amount-not-positive", "contractAmountYuan",
                    "the contract amount must be above zero, was " + total.toPlainString());
        }
        BigDecimal costSum = BigDecimal.ZERO.setScale(2);
        for (int i = 0; i < costs.size(); i++) {
            BigDecimal cost = fen(costs.get(i).amountYuan(), "nonTechnicalCosts[" + i + "].amountYuan");
            if (cost.signum() < 0) {
                throw new RuleViolation("amount-negative", "nonTechnicalCosts[" + i + "].amountYuan",
                        "a cost item cannot be negative, was " + cost.toPlainString());
            }
            costSum = costSum.add(cost);
        }
        if (costSum.compareTo(total) > 0) {
            throw new RuleViolation("costs-exceed-contract-amount", "nonTechnicalCosts",
                    "the non-technical costs (" + costSum.toPlainString() + " yuan) exceed the contract amount ("
                            + total.toPlainString() + " yuan); the technology transaction amount cannot be negative");
        }
        return new TechnologyTransactionAmount(total, costSum, total.subtract(costSum));
    }

    private static BigDecimal fen(BigDecimal yuan, String field) {
        if (yuan == null) {
            throw new RuleViolation("amount-missing", field, "an amount in yuan is required");
        }
        try {
            return yuan.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException notWholeFen) {
            throw new RuleViolation("amount-not-whole-fen", field,
                    yuan.toPlainString() + " yuan is not a whole number of fen");
        }
    }
}
