package org.mengkeju.catalog.trading;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Takes the steps time alone takes, without waiting for anyone to ask: the end of a listing period, an auction's
 * close, the end of a publication period, and the achievement's move once a deal is final. Every step is a
 * conditional write of one lot ({@link TradingDesk#advance}), so replicas sweeping at once, or a sweep repeated after
 * a crash, take each step once.
 */
@Configuration
@EnableScheduling
@EnableConfigurationProperties(TradingPolicy.class)
class TradingSweep {

    private static final Logger log = LoggerFactory.getLogger(TradingSweep.class);
    /** Lots looked at per round; a longer queue is worked off in the following rounds. */
    static final int BATCH = 200;

    private final TradingDesk desk;
    private final Clock clock;

    TradingSweep(TradingDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    /** One round: every lot with a step due now; returns how many changed. */
    @Scheduled(fixedDelayString = "${mengkeju.catalog.trading.sweep-interval:5s}",
            initialDelayString = "${mengkeju.catalog.trading.sweep-interval:5s}")
    int sweep() {
        int changed = 0;
        for (String lotId : desk.due(clock.instant(), BATCH)) {
            try {
                if (desk.advance(lotId)) {
                    changed++;
                }
            } catch (RuntimeException failed) {
                // One lot's failure (the store briefly away) must not stop the others; the next round retries it.
                log.warn("lot {}: due step failed, retried next round: {}", lotId, failed.toString());
            }
        }
        return changed;
    }
}
