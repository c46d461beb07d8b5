package org.mengkeju.catalog.trading;

import java.math.BigDecimal;

/**
 * Amounts of a lot are kept as whole fen (分, a hundredth of a yuan) in the store, so that the bid condition compares
 * integers, and shown as exact yuan.
 */
final class Yuan {

    private Yuan() {
    }

    /** The amount in fen; an amount finer than the fen, or not positive, is refused naming {@code field}. */
    static long toFen(BigDecimal yuan, String field) {
        if (yuan == null) {
            throw new InvalidTerms(field, "is required");
        }
        if (yuan.signum() <= 0) {
            throw new InvalidTerms(field, "must be more than 0 yuan");
        }
        try {
            return yuan.movePointRight(2).setScale(0).longValueExact();
        } catch (ArithmeticException tooFine) {
            throw new InvalidTerms(field, "must be exact to the fen (at most 2 decimals) and below 10^16 yuan");
        }
    }

    static BigDecimal of(long fen) {
        return BigDecimal.valueOf(fen, 2);
    }

    static BigDecimal of(Long fen) {
        return fen == null ? null : of(fen.longValue());
    }
}
