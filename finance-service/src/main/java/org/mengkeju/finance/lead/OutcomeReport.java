package org.mengkeju.finance.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One reported outcome, kept in the lead's history. */
public record OutcomeReport(Outcome outcome, BigDecimal amountYuan, LocalDate onDate, String reason,
        String reportedBy, Instant reportedAt) {
}
