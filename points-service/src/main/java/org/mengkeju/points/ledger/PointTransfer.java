package org.mengkeju.points.ledger;

import java.time.Instant;

import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One entry of the innovation-point ledger. Its id is derived from the event that earned the points, so the same
 * event can never post twice; it is written together with its {@link PointsPosted} event in one insert. Entries
 * are never changed or deleted: a correction is a new entry.
 */
@Document("point_transfers")
public class PointTransfer extends OutboxAggregate {

    @Id
    private final String id;
    @Indexed
    private final String accountId;
    /** Whole points; positive for a credit. */
    private final long points;
    private final TransferReason reason;
    private final String sourceEventId;
    private final String sourceSubject;
    private final Instant postedAt;

    @PersistenceCreator
    PointTransfer(String id, String accountId, long points, TransferReason reason, String sourceEventId,
            String sourceSubject, Instant postedAt) {
        this.id = id;
        this.accountId = accountId;
        this.points = points;
        this.reason = reason;
        this.sourceEventId = sourceEventId;
        this.sourceSubject = sourceSubject;
        this.postedAt = postedAt;
    }

    /** A credit earned by an event, recording the {@link PointsPosted} event it causes. */
    static PointTransfer credit(String id, String accountId, long points, TransferReason reason,
            String sourceEventId, String sourceSubject, Instant now) {
        if (points <= 0) {
            throw new IllegalArgumentException("a credit must be positive, was " + points);
        }
        var transfer = new PointTransfer(id, accountId, points, reason, sourceEventId, sourceSubject, now);
        // Keyed by account for partitioning; see Topics.POINTS_TRANSFERS for what that does and does not order.
        transfer.record(PointsPosted.CONTRACT, accountId,
                new PointsPosted(id, accountId, points, reason.name(), sourceEventId, now), now);
        return transfer;
    }

    public String id() {
        return id;
    }

    public String accountId() {
        return accountId;
    }

    public long points() {
        return points;
    }

    public TransferReason reason() {
        return reason;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public String sourceSubject() {
        return sourceSubject;
    }

    public Instant postedAt() {
        return postedAt;
    }
}
