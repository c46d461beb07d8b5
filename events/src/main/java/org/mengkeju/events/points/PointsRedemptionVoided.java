package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A redemption came to nothing: an operator refused it, or nobody decided before its hold expired. The held
 * points are back in the holder's available balance; no cash is owed.
 *
 * @param redemptionId the redemption (its ledger transfer)
 * @param accountId    the account the points were held on
 * @param points       whole points released
 * @param reason       {@code REFUSED} or {@code EXPIRED}
 * @param decidedBy    the operator's API client; absent when the hold expired
 * @param note         the operator's reason; absent when none was given
 * @param voidedAt     when the hold was released (UTC)
 */
public record PointsRedemptionVoided(
        String redemptionId,
        String accountId,
        long points,
        String reason,
        String decidedBy,
        String note,
        Instant voidedAt) {

    public static final EventContract<PointsRedemptionVoided> CONTRACT = new EventContract<>(
            "org.mengkeju.points.redemption.voided.v1", Topics.POINTS_REDEMPTIONS,
            PointsRedemptionVoided.class);
}
