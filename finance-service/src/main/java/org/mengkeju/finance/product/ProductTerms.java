package org.mengkeju.finance.product;

import java.math.BigDecimal;

/**
 * What a product offers: an amount range in yuan, a term in months and an annual rate range in percent (for
 * insurance, the premium rate). Checked whole when a product is saved.
 */
public record ProductTerms(
        BigDecimal amountMinYuan,
        BigDecimal amountMaxYuan,
        int termMonthsMin,
        int termMonthsMax,
        BigDecimal rateMinPercent,
        BigDecimal rateMaxPercent) {

    /** The largest amount a product offers: ten billion yuan, far above any loan of the region. */
    static final BigDecimal MAX_AMOUNT = new BigDecimal("10000000000");
    static final BigDecimal HUNDRED = new BigDecimal("100");
    static final int MAX_TERM_MONTHS = 360;

    void validate() {
        amount("amountMinYuan", amountMinYuan);
        amount("amountMaxYuan", amountMaxYuan);
        if (amountMaxYuan.compareTo(amountMinYuan) < 0) {
            throw new InvalidProduct("amountMaxYuan", "must not be below amountMinYuan");
        }
        if (termMonthsMin < 1 || termMonthsMin > MAX_TERM_MONTHS) {
            throw new InvalidProduct("termMonthsMin", "must be 1 to " + MAX_TERM_MONTHS + " months");
        }
        if (termMonthsMax < termMonthsMin || termMonthsMax > MAX_TERM_MONTHS) {
            throw new InvalidProduct("termMonthsMax", "must be termMonthsMin to " + MAX_TERM_MONTHS + " months");
        }
        rate("rateMinPercent", rateMinPercent);
        rate("rateMaxPercent", rateMaxPercent);
        if (rateMaxPercent.compareTo(rateMinPercent) < 0) {
            throw new InvalidProduct("rateMaxPercent", "must not be below rateMinPercent");
        }
    }

    private static void amount(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidProduct(field, "is required");
        }
        if (value.signum() <= 0) {
            throw new InvalidProduct(field, "must be a positive amount of yuan, not " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 2) {
            throw new InvalidProduct(field, "yuan have at most two decimals (fen)");
        }
        if (value.compareTo(MAX_AMOUNT) > 0) {
            throw new InvalidProduct(field, "must not exceed " + MAX_AMOUNT.toPlainString() + " yuan");
        }
    }

    private static void rate(String field, BigDecimal value) {
        if (value == null) {
            throw new InvalidProduct(field, "is required");
        }
        if (value.signum() < 0 || value.compareTo(HUNDRED) > 0) {
            throw new InvalidProduct(field, "is a percentage from 0 to 100, not " + value.toPlainString());
        }
        if (value.stripTrailingZeros().scale() > 4) {
            throw new InvalidProduct(field, "has at most four decimals");
        }
    }
}
