package org.mengkeju.points.award;

import java.time.Instant;

import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.TransferReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The award rules applied to events: the schedule in force on the local day of the act says how many points, the
 * annual cap in force how many of them the account may still get this year; the ledger issues them once per event.
 */
@Service
public class PointsAwards {

    private static final Logger log = LoggerFactory.getLogger(PointsAwards.class);

    private final AwardPolicy policy;
    private final AnnualCaps caps;
    private final PointsLedger ledger;

    PointsAwards(AwardPolicy policy, AnnualCaps caps, PointsLedger ledger) {
        this.policy = policy;
        this.caps = caps;
        this.ledger = ledger;
    }

    /** Points for an achievement listed at {@code publishedAt} by its owner institution. */
    public Outcome achievementPublished(ReceivedEvent event, String ownerInstitutionId, Instant publishedAt) {
        long points = policy.forPublishedAchievement(publishedAt).orElse(0L);
        if (points == 0) {
            return Outcome.SKIPPED;
        }
        Long cap = policy.annualCapAt(publishedAt).orElse(null);
        if (cap != null) {
            long granted = caps.grant(ownerInstitutionId, AwardPolicy.yearOf(publishedAt), event.id(), points, cap);
            if (granted == 0) {
                log.info("{} reached its annual cap of {} points for {}; {} earns nothing", ownerInstitutionId, cap,
                        AwardPolicy.yearOf(publishedAt), event.subject());
                return Outcome.SKIPPED;
            }
            points = granted;
        }
        return ledger.award(event, ownerInstitutionId, points, TransferReason.ACHIEVEMENT_PUBLISHED);
    }
}
