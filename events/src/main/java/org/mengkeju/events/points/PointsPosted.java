package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * Innovation points (创新积分) were posted to a holder's account: an award, or points credited otherwise (an operator's
 * adjustment, the reversal of a transfer that had taken points from the holder). With {@link PointsDebited} a reader
 * keeps a holder's points as the ledger has them. Points are whole units, exchangeable 1:1 for yuan.
 *
 * @param transferId    the ledger entry; posted once, so a reader keeps it under this id
 * @param accountId     the account credited (the holder institution)
 * @param points        whole points credited, positive
 * @param reason        the award rule that applied, e.g. {@code ACHIEVEMENT_PUBLISHED}; or {@code ADJUSTMENT} or
 *                      {@code REVERSAL} for points not awarded by a rule
 * @param sourceEventId the id of the event that earned the points; null for an operator's own transfer
 * @param postedAt      when the ledger entry was written (UTC)
 * @param reference     what it answers besides an event: the operator's decision or file number, the reversed
 *                      transfer; null on awards announced before it was added
 */
public record PointsPosted(
        String transferId,
        String accountId,
        long points,
        String reason,
        String sourceEventId,
        Instant postedAt,
        String reference) {

    /** An award as announced before {@code reference} was added. */
    public PointsPosted(String transferId, String accountId, long points, String reason, String sourceEventId,
            Instant postedAt) {
        this(transferId, accountId, points, reason, sourceEventId, postedAt, null);
    }

    public static final EventContract<PointsPosted> CONTRACT = new EventContract<>(
            "org.mengkeju.points.transfer.posted.v1", Topics.POINTS_TRANSFERS, PointsPosted.class);
}
