package org.mengkeju.points.expiry;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When unused points expire (积分有效期), as policy sets it.
 *
 * @param period     points credited on a local day expire when this period has passed since that day
 * @param runEvery   how often the expiry run looks at the current local day (each day's run is done once)
 * @param firstDay   the first local day on which points expire at all; before it, none do
 */
@ConfigurationProperties("mengkeju.points.expiry")
public record ExpiryPolicy(Period period, Duration runEvery, LocalDate firstDay) {

    public ExpiryPolicy {
        period = period == null ? Period.ofYears(2) : period;
        runEvery = runEvery == null ? Duration.ofHours(1) : runEvery;
        firstDay = firstDay == null ? LocalDate.of(2027, 1, 1) : firstDay;
        if (period.isNegative() || period.isZero() || runEvery.isNegative() || runEvery.isZero()) {
            throw new IllegalArgumentException("an expiry period and its run interval must be positive: " + period
                    + ", " + runEvery);
        }
    }

    /** Credits posted before the start of this local day are old enough to expire on {@code day}. */
    public LocalDate creditedBefore(LocalDate day) {
        return day.minus(period);
    }
}
