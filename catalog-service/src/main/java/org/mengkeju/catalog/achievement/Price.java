package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;

/**
 * What the owner asks (报价): a fixed price, a range, or negotiable (面议). Yuan, exact to the fen.
 *
 * @param amountYuan the fixed price; null unless {@link Kind#FIXED}
 * @param minYuan    the lower end; null unless {@link Kind#RANGE}
 * @param maxYuan    the upper end; null unless {@link Kind#RANGE}
 */
public record Price(Kind kind, BigDecimal amountYuan, BigDecimal minYuan, BigDecimal maxYuan) {

    /** How the price is given. */
    public enum Kind {
        FIXED,
        RANGE,
        /** 面议: agreed in negotiation, nothing published. */
        NEGOTIABLE
    }

    /** A hundred billion yuan: above any technology deal the region has seen by orders of magnitude. */
    static final BigDecimal CEILING = new BigDecimal("100000000000");

    public Price {
        if (kind == null) {
            throw new InvalidListing("price", "a kind is required");
        }
        switch (kind) {
            case FIXED -> {
                check("askingPriceYuan", amountYuan);
                if (minYuan != null || maxYuan != null) {
                    throw new InvalidListing("priceRangeYuan", "give a fixed price or a range, not both");
                }
            }
            case RANGE -> {
                check("priceRangeYuan.minYuan", minYuan);
                check("priceRangeYuan.maxYuan", maxYuan);
                if (amountYuan != null) {
                    throw new InvalidListing("askingPriceYuan", "give a fixed price or a range, not both");
                }
                if (minYuan.compareTo(maxYuan) > 0) {
                    throw new InvalidListing("priceRangeYuan", "minYuan " + minYuan.toPlainString()
                            + " is above maxYuan " + maxYuan.toPlainString());
                }
            }
            case NEGOTIABLE -> {
                if (amountYuan != null || minYuan != null || maxYuan != null) {
                    throw new InvalidListing("price", "a negotiable price carries no amount");
                }
            }
        }
    }

    public static Price fixed(BigDecimal yuan) {
        return new Price(Kind.FIXED, yuan, null, null);
    }

    public static Price range(BigDecimal minYuan, BigDecimal maxYuan) {
        return new Price(Kind.RANGE, null, minYuan, maxYuan);
    }

    public static Price negotiable() {
        return new Price(Kind.NEGOTIABLE, null, null, null);
    }

    /** The lowest amount the owner would take, if the price says one: for matching a buyer's budget. */
    public BigDecimal lowestYuan() {
        return kind == Kind.FIXED ? amountYuan : minYuan;
    }

    private static void check(String field, BigDecimal yuan) {
        if (yuan == null) {
            throw new InvalidListing(field, "is required");
        }
        if (yuan.signum() <= 0) {
            throw new InvalidListing(field, "must be more than 0 yuan, was " + yuan.toPlainString());
        }
        if (yuan.compareTo(CEILING) > 0) {
            throw new InvalidListing(field, "must be at most 100,000,000,000 yuan, was " + yuan.toPlainString());
        }
        if (yuan.stripTrailingZeros().scale() > 2) {
            throw new InvalidListing(field, "is exact to the fen (2 decimals), was " + yuan.toPlainString());
        }
    }
}
