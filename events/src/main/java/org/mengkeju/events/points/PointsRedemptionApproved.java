package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * An operator approved a redemption: the held points are posted to the redeemed account and the holder is owed the
 * same number of yuan in cash.
 *
 * @param redemptionId the redemption (its ledger transfer)
 * @param accountId    the account the points left
 * @param points       whole points redeemed; the cash owed is the same number of yuan
 * @param approvedBy   the operator's API client
 * @param approvedAt   when the points were posted (UTC)
 */
public record PointsRedemptionApproved(
        String redemptionId,
        String accountId,
        long points,
        String approvedBy,
        Instant approvedAt) {

    public static final EventContract<PointsRedemptionApproved> CONTRACT = new EventContract<>(
            "org.mengkeju.points.redemption.approved.v1", Topics.POINTS_REDEMPTIONS,
            PointsRedemptionApproved.class);
}
