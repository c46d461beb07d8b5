package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A holder asked to redeem innovation points for cash (积分兑换, 1 point = 1 yuan); the points are held (a pending
 * transfer) until an operator approves or refuses, or the hold expires.
 *
 * @param redemptionId the redemption, which is also the id of its pending ledger transfer
 * @param accountId    the account the points are held on
 * @param points       whole points held, positive
 * @param requestedBy  the API client that asked
 * @param requestedAt  when the points were held (UTC)
 * @param expiresAt    when the hold is voided by itself if nobody decided (UTC)
 */
public record PointsRedemptionRequested(
        String redemptionId,
        String accountId,
        long points,
        String requestedBy,
        Instant requestedAt,
        Instant expiresAt) {

    public static final EventContract<PointsRedemptionRequested> CONTRACT = new EventContract<>(
            "org.mengkeju.points.redemption.requested.v1", Topics.POINTS_REDEMPTIONS,
            PointsRedemptionRequested.class);
}
