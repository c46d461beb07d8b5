package org.mengkeju.catalog.trading;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The trading settings policy may change, under {@code mengkeju.catalog.trading}.
 *
 * @param publicationPeriod how long a deal stands in publication (公示) before it is final; 5 days unless set
 * @param sweepInterval     how often due steps (the end of a listing period, an auction's close, the end of a
 *                          publication period) are looked for
 */
@ConfigurationProperties("mengkeju.catalog.trading")
public record TradingPolicy(
        @DefaultValue("5d") Duration publicationPeriod,
        @DefaultValue("5s") Duration sweepInterval) {

    public TradingPolicy {
        if (publicationPeriod.isNegative() || publicationPeriod.isZero()) {
            throw new IllegalArgumentException("mengkeju.catalog.trading.publication-period must be positive");
        }
    }
}
