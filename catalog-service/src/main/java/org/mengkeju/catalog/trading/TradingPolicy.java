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
 * @param watchLength       how long one stream of a lot's auction runs before the watcher reconnects with its last
 *                          event id (EventSource does so by itself); bounds what a forgotten watcher holds
 * @param watchPoll         how often a watcher looks at the stored lot for what this replica did not see happen:
 *                          another replica's bids, the close
 * @param watchHeartbeat    how long a stream stays silent before it sends a comment line: proxies in front of the
 *                          service (the platform's gateway, whose response timeout is 10 s; nginx, 60 s) end a
 *                          response that sends nothing for longer, and a quiet auction can be quiet for hours
 */
@ConfigurationProperties("mengkeju.catalog.trading")
public record TradingPolicy(
        @DefaultValue("5d") Duration publicationPeriod,
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("30m") Duration watchLength,
        @DefaultValue("1s") Duration watchPoll,
        @DefaultValue("5s") Duration watchHeartbeat) {

    public TradingPolicy {
        if (publicationPeriod.isNegative() || publicationPeriod.isZero()) {
            throw new IllegalArgumentException("mengkeju.catalog.trading.publication-period must be positive");
        }
        if (watchLength.isNegative() || watchLength.isZero() || watchPoll.isNegative() || watchPoll.isZero()
                || watchHeartbeat.isNegative() || watchHeartbeat.isZero()) {
            throw new IllegalArgumentException(
                    "mengkeju.catalog.trading.watch-length, watch-poll and watch-heartbeat must be positive");
        }
    }

    /** How long a watcher waits for news before it looks at the stored lot or sends a keep-alive, whichever is due. */
    public Duration watchWait() {
        return watchPoll.compareTo(watchHeartbeat) < 0 ? watchPoll : watchHeartbeat;
    }
}
