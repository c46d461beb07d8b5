package org.mengkeju.events.points;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * Innovation points (创新积分) left a holder's account: an award taken back (a registration cancelled or revoked), an
 * expiry, a redemption paid out, or an operator's adjustment. With {@link PointsPosted} a reader keeps a holder's
 * points as the ledger has them. Whole points, 1 point = 1 yuan.
 *
 * @param transferId the ledger entry that debited the account; posted once, so a reader keeps it under this id
 * @param accountId  the account debited (the holder institution)
 * @param points     whole points debited, positive
 * @param reason     why: {@code REVERSAL}, {@code EXPIRY}, {@code REDEMPTION} or {@code ADJUSTMENT}
 * @param reference  what it answers: the reversed transfer, the redemption request, the expiry run, the decision
 * @param postedAt   when the ledger entry was posted (UTC)
 */
public record PointsDebited(
        String transferId,
        String accountId,
        long points,
        String reason,
        String reference,
        Instant postedAt) {

    public static final EventContract<PointsDebited> CONTRACT = new EventContract<>(
            "org.mengkeju.points.transfer.debited.v1", Topics.POINTS_TRANSFERS, PointsDebited.class);
}
