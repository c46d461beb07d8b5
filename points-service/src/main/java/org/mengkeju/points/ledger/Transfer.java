package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.events.points.PointsRedemptionApproved;
import org.mengkeju.events.points.PointsRedemptionRequested;
import org.mengkeju.events.points.PointsRedemptionVoided;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A transfer of innovation points from one account to another (转账): immutable in what it moves, a small state
 * machine in how far it got ({@link TransferState}). Its id is the idempotency key: the same id always names the
 * same movement, and a correction is a new, reversing transfer. The events a transfer causes are recorded with the
 * state change that causes them, in the same write (the outbox).
 *
 * <p>Each side of a transfer is either <em>held</em> or <em>booked</em>. A side whose account's flag could refuse it
 * (a holder's debit: it may not exceed the holder's credits) is held on the account before the transfer is decided,
 * because that conditional write is what stops an overdraft. A side no flag can refuse (any credit to a holder,
 * either side of a system account) needs no such write: the transfer lists it in {@code unbooked}, readers count it
 * from there, and {@link AccountBooking} adds it to the account's stored totals later, many transfers in one write.
 * An award (the issued account to a holder) has no held side at all, so it is written once, already posted.
 */
@Document("point_transfers")
@CompoundIndex(name = "account_statement", def = "{'accounts': 1, 'postedAt': -1}")
public class Transfer extends OutboxAggregate {

    @Id
    private final String id;
    private final String debitAccountId;
    private final String creditAccountId;
    /** Both accounts, for reading an account's transfers through one index. */
    private final List<String> accounts;
    private final int ledger;
    private final long amount;
    private final TransferReason reason;
    /** What caused it: the event id of an award, the reversed transfer, an operator's file number. */
    @Indexed
    private final String reference;
    private final String sourceEventId;
    private final String sourceSubject;
    /** Two-phase: reserved as pending, then posted or voided by a decision (or voided by its timeout). */
    private final boolean twoPhase;
    private final String createdBy;
    private final Instant createdAt;
    /** When a pending two-phase transfer is voided by itself; null for a single-phase one. */
    @Indexed(sparse = true)
    private final Instant timeoutAt;
    /** The accounts that hold the amount before the decision (the sides a flag could refuse); fixed at the start. */
    private final List<String> held;
    /**
     * The accounts whose stored totals do not include this transfer yet (its unheld sides); readers add it from here
     * until {@link AccountBooking} books it. Emptied when the transfer is voided: there is nothing to book.
     */
    @Indexed(sparse = true)
    private List<String> unbooked;
    /** When the act the transfer pays for happened (a contract's registration, say); null when it is not an award. */
    private final Instant occurredAt;
    @Indexed
    private TransferState state;
    private VoidReason voidReason;
    private String decidedBy;
    private String note;
    private Instant postedAt;
    private Instant voidedAt;
    /** Until when the process that last moved it owns it; recovery takes over in-flight transfers after that. */
    private Instant leaseUntil;
    @Version
    private Long version;

    @PersistenceCreator
    Transfer(String id, String debitAccountId, String creditAccountId, List<String> accounts, int ledger, long amount,
            TransferReason reason, String reference, String sourceEventId, String sourceSubject, boolean twoPhase,
            String createdBy, Instant createdAt, Instant timeoutAt, TransferState state, VoidReason voidReason,
            String decidedBy, String note, Instant postedAt, Instant voidedAt, Instant leaseUntil, Long version,
            List<String> held, List<String> unbooked, Instant occurredAt) {
        this.id = id;
        this.debitAccountId = debitAccountId;
        this.creditAccountId = creditAccountId;
        this.accounts = accounts;
        this.ledger = ledger;
        this.amount = amount;
        this.reason = reason;
        this.reference = reference;
        this.sourceEventId = sourceEventId;
        this.sourceSubject = sourceSubject;
        this.twoPhase = twoPhase;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.timeoutAt = timeoutAt;
        this.state = state;
        this.voidReason = voidReason;
        this.decidedBy = decidedBy;
        this.note = note;
        this.postedAt = postedAt;
        this.voidedAt = voidedAt;
        this.leaseUntil = leaseUntil;
        this.version = version;
        // Transfers written before sides could be booked held both of their accounts.
        this.held = held == null ? List.of(debitAccountId, creditAccountId) : List.copyOf(held);
        this.unbooked = unbooked == null || unbooked.isEmpty() ? null : List.copyOf(unbooked);
        this.occurredAt = occurredAt;
    }

    /**
     * A new transfer, owned by its creator until {@code leaseUntil}: about to hold its amount on the accounts in
     * {@code held}; with none to hold, it is decided at once (posted, or pending for a two-phase one), because no step
     * before the decision could fail, and its first write is its last until a decision.
     */
    static Transfer begin(TransferRequest request, String createdBy, Instant now, Instant timeoutAt,
            Instant leaseUntil, List<String> held) {
        if (request.twoPhase() != (timeoutAt != null)) {
            throw new IllegalArgumentException("a two-phase transfer needs a timeout, a single-phase one none");
        }
        List<String> sides = List.of(request.debitAccountId(), request.creditAccountId());
        if (!sides.containsAll(held)) {
            throw new IllegalArgumentException("a transfer holds its amount on its own accounts only: " + held);
        }
        List<String> unbooked = sides.stream().filter(side -> !held.contains(side)).toList();
        Transfer transfer = new Transfer(request.id(), request.debitAccountId(), request.creditAccountId(), sides,
                Account.POINTS_LEDGER, request.amount(), request.reason(), request.reference(),
                request.sourceEventId(), request.sourceSubject(), request.twoPhase(), createdBy, now, timeoutAt,
                TransferState.RESERVING, null, null, request.note(), null, null, leaseUntil, null, held, unbooked,
                request.occurredAt());
        if (held.isEmpty()) {
            transfer.reserved(now, leaseUntil);
        }
        return transfer;
    }

    /** Whether {@code request} asks for exactly this movement (a retry), rather than another under the same id. */
    boolean sameMovementAs(TransferRequest request) {
        return debitAccountId.equals(request.debitAccountId()) && creditAccountId.equals(request.creditAccountId())
                && amount == request.amount() && reason == request.reason()
                && Objects.equals(reference, request.reference()) && twoPhase == request.twoPhase();
    }

    /** Both accounts hold the amount: a single-phase transfer is decided (posted), a two-phase one waits. */
    void reserved(Instant now, Instant leaseUntil) {
        require(TransferState.RESERVING);
        if (twoPhase) {
            state = TransferState.PENDING;
            this.leaseUntil = null;
            if (reason == TransferReason.REDEMPTION) {
                record(PointsRedemptionRequested.CONTRACT, id, new PointsRedemptionRequested(id, debitAccountId,
                        amount, createdBy, now, timeoutAt), now);
            }
        } else {
            decidePost(now, leaseUntil);
            endIfNothingHeld(now);
        }
    }

    /** An account's flag refused the reservation: the transfer will never post, and has nothing to book. */
    void refused(VoidReason why, Instant now, Instant leaseUntil) {
        require(TransferState.RESERVING);
        state = TransferState.VOIDING;
        voidReason = why;
        unbooked = null;
        this.leaseUntil = leaseUntil;
    }

    /**
     * Posts a pending two-phase transfer (e.g. an operator approves a redemption).
     *
     * @return false when it was posted already (a repeated decision)
     * @throws IllegalStateException when it was voided or is not pending
     */
    boolean post(String operator, String note, Instant now, Instant leaseUntil) {
        if (state.countsAsPosted()) {
            return false;
        }
        require(TransferState.PENDING);
        decidedBy = operator;
        this.note = note;
        if (reason == TransferReason.REDEMPTION) {
            record(PointsRedemptionApproved.CONTRACT, id, new PointsRedemptionApproved(id, debitAccountId, amount,
                    operator, now), now);
        }
        decidePost(now, leaseUntil);
        endIfNothingHeld(now);
        return true;
    }

    /**
     * Voids a pending two-phase transfer: refused by an operator (with their name) or expired (without).
     *
     * @return false when it was voided already for the same reason
     * @throws IllegalStateException when it was posted, voided otherwise, or is not pending
     */
    boolean voidPending(VoidReason why, String operator, String note, Instant now, Instant leaseUntil) {
        if ((state == TransferState.VOIDING || state == TransferState.VOIDED) && voidReason == why) {
            return false;
        }
        require(TransferState.PENDING);
        state = TransferState.VOIDING;
        voidReason = why;
        decidedBy = operator;
        this.note = note;
        this.leaseUntil = leaseUntil;
        unbooked = null;
        if (reason == TransferReason.REDEMPTION) {
            record(PointsRedemptionVoided.CONTRACT, id, new PointsRedemptionVoided(id, debitAccountId, amount,
                    why.name(), operator, note, now), now);
        }
        endIfNothingHeld(now);
        return true;
    }

    /** With no account holding the amount there is nothing to settle: the decision is also the end. */
    private void endIfNothingHeld(Instant now) {
        if (held.isEmpty()) {
            settled(now);
        }
    }

    /** Both accounts have moved the amount from pending to posted (or released it): nothing is left to do. */
    void settled(Instant now) {
        if (state == TransferState.POSTING) {
            state = TransferState.POSTED;
        } else if (state == TransferState.VOIDING) {
            state = TransferState.VOIDED;
            voidedAt = now;
        } else {
            throw new IllegalStateException("transfer " + id + " is " + state + ", not settling");
        }
        leaseUntil = null;
    }

    /** Recovery takes over an abandoned in-flight transfer. */
    void leaseTo(Instant leaseUntil) {
        this.leaseUntil = leaseUntil;
    }

    private void decidePost(Instant now, Instant leaseUntil) {
        state = TransferState.POSTING;
        postedAt = now;
        this.leaseUntil = leaseUntil;
        if (!SystemAccount.isSystem(creditAccountId)) {
            // A holder's points went up (an award, an operator's adjustment, a reversal of points taken): readers that
            // keep its points see it, whatever the cause. Keyed by the credited account, as PointsPosted always was.
            record(PointsPosted.CONTRACT, creditAccountId, new PointsPosted(id, creditAccountId, amount,
                    reason.creditReason(), sourceEventId, now, reference), now);
        }
        if (!SystemAccount.isSystem(debitAccountId)) {
            // A holder's points went down (taken back, expired, paid out, adjusted): readers that keep its points,
            // such as finance's enterprise profiles, see it. Keyed by the debited account, like PointsPosted.
            record(PointsDebited.CONTRACT, debitAccountId, new PointsDebited(id, debitAccountId, amount,
                    reason.debitReason(), reference == null ? id : reference, now), now);
        }
    }

    private void require(TransferState expected) {
        if (state != expected) {
            throw new IllegalStateException("transfer " + id + " is " + state + ", not " + expected);
        }
    }

    public String id() {
        return id;
    }

    public String debitAccountId() {
        return debitAccountId;
    }

    public String creditAccountId() {
        return creditAccountId;
    }

    public int ledger() {
        return ledger;
    }

    public long amount() {
        return amount;
    }

    public TransferReason reason() {
        return reason;
    }

    public String reference() {
        return reference;
    }

    public String sourceEventId() {
        return sourceEventId;
    }

    public String sourceSubject() {
        return sourceSubject;
    }

    public boolean twoPhase() {
        return twoPhase;
    }

    public String createdBy() {
        return createdBy;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant timeoutAt() {
        return timeoutAt;
    }

    public TransferState state() {
        return state;
    }

    public VoidReason voidReason() {
        return voidReason;
    }

    public String decidedBy() {
        return decidedBy;
    }

    public String note() {
        return note;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public Instant voidedAt() {
        return voidedAt;
    }

    Instant leaseUntil() {
        return leaseUntil;
    }

    public Long version() {
        return version;
    }

    /** The accounts that hold the amount until the decision is settled on them. */
    public List<String> held() {
        return held;
    }

    /** The accounts whose stored totals do not include this transfer yet; empty once booked everywhere. */
    public List<String> unbooked() {
        return unbooked == null ? List.of() : unbooked;
    }

    /** Whether {@code accountId}'s stored totals still lack this transfer's amount (readers add it). */
    boolean unbookedOn(String accountId) {
        return unbooked != null && unbooked.contains(accountId);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    /** The events recorded and not yet published; for tests of the transitions. */
    List<org.mengkeju.platform.outbox.PendingEvent> recordedEvents() {
        return pendingEvents();
    }
}
