package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * Innovation points (创新积分) were posted to an account. Points are whole units, exchangeable 1:1 for yuan.
 *
 * @param transferId    the ledger entry; derived from the event that earned the points, so it is posted once
 * @param accountId     the account credited (the owner institution)
 * @param points        whole points credited, positive
 * @param reason        the award rule that applied, e.g. {@code ACHIEVEMENT_PUBLISHED}
 * @param sourceEventId the id of the event that earned the points
 * @param postedAt      when the ledger entry was written (UTC)
 */
public record PointsPosted(
        String transferId,
        String accountId,
        long points,
        String reason,
        String sourceEventId,
        Instant postedAt) {

    public static final EventContract<PointsPosted> CONTRACT = new EventContract<>(
            "org.mengkeju.points.transfer.posted.v1", Topics.POINTS_TRANSFERS, PointsPosted.class);
}
