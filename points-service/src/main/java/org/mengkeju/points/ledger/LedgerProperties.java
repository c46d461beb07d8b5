package org.mengkeju.points.ledger;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the ledger's processes are timed.
 *
 * @param lease         how long a process owns a transfer it is moving; recovery takes over after that
 * @param sweepInterval how often recovery looks for abandoned transfers and expired holds
 * @param checkInterval how often the invariants are verified for the metric (the operator endpoint runs at once)
 * @param bookingInterval how often the sides of transfers that were not held are booked into their accounts' totals;
 *                      readers count them either way, so this only bounds how many a read adds and how large a
 *                      batch is
 */
@ConfigurationProperties("mengkeju.points.ledger")
public record LedgerProperties(Duration lease, Duration sweepInterval, Duration checkInterval,
        Duration bookingInterval) {

    public LedgerProperties {
        bookingInterval = bookingInterval == null ? Duration.ofSeconds(1) : bookingInterval;
        lease = lease == null ? Duration.ofSeconds(30) : lease;
        sweepInterval = sweepInterval == null ? Duration.ofSeconds(10) : sweepInterval;
        checkInterval = checkInterval == null ? Duration.ofMinutes(5) : checkInterval;
        if (lease.isNegative() || lease.isZero() || sweepInterval.isNegative() || sweepInterval.isZero()
                || checkInterval.isNegative() || checkInterval.isZero() || bookingInterval.isNegative()
                || bookingInterval.isZero()) {
            throw new IllegalArgumentException("ledger timings must be positive: " + lease + ", " + sweepInterval
                    + ", " + checkInterval + ", " + bookingInterval);
        }
    }
}
