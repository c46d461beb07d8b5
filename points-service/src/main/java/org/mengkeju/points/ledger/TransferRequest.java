package org.mengkeju.points.ledger;

import java.time.Instant;

/**
 * What a transfer moves, as asked: the movement that its id stands for.
 *
 * @param id              the idempotency key and id of the transfer
 * @param debitAccountId  where the points come from
 * @param creditAccountId where they go
 * @param amount          whole points, positive
 * @param reason          the transfer code
 * @param reference       what caused it (an event id, a reversed transfer, an operator's file number)
 * @param sourceEventId   the event that caused it, for awards; else null
 * @param sourceSubject   the subject of that event (e.g. the achievement), for awards; else null
 * @param twoPhase        held as pending until posted or voided
 * @param note            free text for people; not part of the movement
 * @param occurredAt      when the act an award pays for happened (the registration of a contract); null otherwise;
 *                        not part of the movement
 */
public record TransferRequest(String id, String debitAccountId, String creditAccountId, long amount,
        TransferReason reason, String reference, String sourceEventId, String sourceSubject, boolean twoPhase,
        String note, Instant occurredAt) {

    /** The largest amount a single transfer may move: far above any award or redemption, far below overflow. */
    public static final long MAX_AMOUNT = 1_000_000_000_000L;

    /** The movement's own rules; the accounts' existence and flags are checked against the store. */
    public TransferRequest {
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be between 1 and " + MAX_AMOUNT + " points, was " + amount);
        }
        if (debitAccountId.equals(creditAccountId)) {
            throw new IllegalArgumentException("creditAccountId: a transfer moves points between two accounts, "
                    + "not from " + debitAccountId + " to itself");
        }
    }

    public TransferRequest(String id, String debitAccountId, String creditAccountId, long amount,
            TransferReason reason, String reference, String sourceEventId, String sourceSubject, boolean twoPhase,
            String note) {
        this(id, debitAccountId, creditAccountId, amount, reason, reference, sourceEventId, sourceSubject, twoPhase,
                note, null);
    }

    /** A single-phase transfer, posted as soon as the accounts that must hold it do. */
    public static TransferRequest of(String id, String debitAccountId, String creditAccountId, long amount,
            TransferReason reason, String reference) {
        return new TransferRequest(id, debitAccountId, creditAccountId, amount, reason, reference, null, null, false,
                null);
    }
}
