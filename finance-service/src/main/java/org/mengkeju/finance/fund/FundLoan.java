package org.mengkeju.finance.fund;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A disbursed loan a fund tracks: counted against its cap, or flagged because counting it would have gone over.
 *
 * @param counted true when it counts against the cap; false when it was flagged instead
 */
public record FundLoan(String leadId, String institutionId, String productType, BigDecimal amountYuan,
        LocalDate disbursedOn, boolean counted, Instant trackedAt) {
}
