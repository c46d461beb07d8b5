package org.mengkeju.matching.demand;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import org.mengkeju.platform.outbox.OutboxAggregates;

/**
 * Expires open demands once their deadline's local day is over, without anyone asking. Each expiry is one
 * conditional write of one demand (its version checked, its event appended), so the sweep can stop anywhere, run
 * again, or run on several replicas at once: a demand is expired once, and one a broker changed meanwhile is left for
 * the next sweep to look at again.
 */
@Component
public class DemandExpiry {

    private static final Logger log = LoggerFactory.getLogger(DemandExpiry.class);
    private static final int BATCH = 100;

    private final Demands demands;
    private final OutboxAggregates aggregates;
    private final Clock clock;
    private final ApplicationEventPublisher changes;

    DemandExpiry(Demands demands, OutboxAggregates aggregates, Clock clock, ApplicationEventPublisher changes) {
        this.demands = demands;
        this.aggregates = aggregates;
        this.clock = clock;
        this.changes = changes;
    }

    @Scheduled(fixedDelayString = "${mengkeju.matching.expiry-sweep-millis:60000}",
            initialDelayString = "${mengkeju.matching.expiry-sweep-millis:60000}")
    void sweep() {
        try {
            expireDue(clock.instant());
        } catch (RuntimeException e) {
            // The store may be away for a moment; the next sweep picks up where this one stopped.
            log.warn("demand expiry sweep stopped: {}", e.toString());
        }
    }

    /**
     * Expires every open demand due at {@code now} (taken as a parameter so that a test can name the moment).
     *
     * @return how many this call expired
     */
    public int expireDue(Instant now) {
        int expired = 0;
        while (true) {
            List<Demand> due = demands.findByStatusAndTriageNotAndExpiresAtLessThanEqualOrderByExpiresAtAsc(
                    DemandStatus.OPEN, Triage.LONG_TERM_TRACKING, now, PageRequest.of(0, BATCH));
            int before = expired;
            for (Demand demand : due) {
                if (demand.expireIfDue(now)) {
                    try {
                        aggregates.save(demand);
                        expired++;
                        changes.publishEvent(new DemandChanged(demand.id()));
                        log.info("demand {} expired: deadline {} passed", demand.id(), demand.deadline());
                    } catch (OptimisticLockingFailureException changedMeanwhile) {
                        log.debug("demand {} changed while expiring; the next sweep looks again", demand.id());
                    }
                }
            }
            // A short batch is the last; a batch of which nothing could be expired would only come back again.
            if (due.size() < BATCH || expired == before) {
                return expired;
            }
        }
    }
}
