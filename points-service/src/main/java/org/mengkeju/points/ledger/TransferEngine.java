package org.mengkeju.points.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.points.ledger.Accounts.Reservation;
import org.mengkeju.points.ledger.Accounts.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Moves transfers through their states ({@link TransferState}), one single-document write per step: the transfer
 * is written first (RESERVING), each account that must hold the amount then holds it as pending, the transfer
 * records the decision (POSTING, PENDING or VOIDING, with its events), each holding account settles, and the
 * transfer is marked final.
 *
 * <p>Only a side that an account's flag could refuse is held (see {@link Transfer}): the hold is the conditional
 * write that keeps a holder from spending more than it has, and it must come before the decision. The other sides
 * are booked later by {@link AccountBooking}, in batches, and readers count them from the transfer meanwhile. So a
 * transfer from the issued account to a holder (an award) holds nothing: its first write is already its decision
 * and its end, one write instead of seven; a transfer between two holders holds the debit only: five writes.
 *
 * <p>Who moves a transfer: the process that created it or decided it, while its lease lasts; after that,
 * {@link LedgerRecovery}. Every account step is conditional on the transfer being held or not held on the
 * account, so a repeated step changes nothing; every transfer step is conditional on its version, so of two
 * processes only one records a decision. A step is taken only while the lease is valid.
 *
 * <p>{@code steps} limits how many writes a call makes: the processes pass {@link #ALL}; tests pass fewer to stop
 * a transfer between two steps, exactly where a crash would.
 */
@Component
public class TransferEngine {

    /** No limit: run the transfer as far as it goes without waiting for a decision. */
    public static final int ALL = Integer.MAX_VALUE;

    private static final Logger log = LoggerFactory.getLogger(TransferEngine.class);

    private final MongoTemplate mongo;
    private final Accounts accounts;
    private final AccountBooking booking;
    private final OutboxAggregates aggregates;
    private final LedgerProperties properties;
    private final Clock clock;

    TransferEngine(MongoTemplate mongo, Accounts accounts, AccountBooking booking, OutboxAggregates aggregates,
            LedgerProperties properties, Clock clock) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.booking = booking;
        this.aggregates = aggregates;
        this.properties = properties;
        this.clock = clock;
    }

    /** A transfer as found or created by {@link #start}. */
    public record Started(Transfer transfer, boolean created) {
    }

    /** The same transfer id was used for another movement. */
    public static final class TransferIdReused extends RuntimeException {

        private final transient Transfer existing;

        TransferIdReused(Transfer existing) {
            super("transfer " + existing.id() + " exists and moves " + existing.amount() + " points from "
                    + existing.debitAccountId() + " to " + existing.creditAccountId() + " for " + existing.reason()
                    + " (" + existing.reference() + "); a new movement needs a new id");
            this.existing = existing;
        }

        public Transfer existing() {
            return existing;
        }
    }

    public Optional<Transfer> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Transfer.class));
    }

    /** Whether a transfer with this id exists: its id looked up alone, nothing read or mapped. */
    public boolean exists(String id) {
        // Not MongoTemplate.exists: that counts, which the store answers with an aggregation.
        return mongo.getCollection(mongo.getCollectionName(Transfer.class)).find(new Document("_id", id))
                .projection(new Document("_id", 1)).limit(1).first() != null;
    }

    /**
     * Writes the transfer (the first step) unless one with its id exists: the same movement is returned as it
     * stands, another movement under the same id is refused.
     */
    Started start(TransferRequest request, String createdBy, Duration timeout) {
        Instant now = clock.instant();
        Instant timeoutAt = timeout == null ? null : now.plus(timeout);
        try {
            Transfer begun = mongo.insert(Transfer.begin(request, createdBy, now, timeoutAt,
                    now.plus(properties.lease()), heldSides(request)));
            booked(begun);
            return new Started(begun, true);
        } catch (DuplicateKeyException exists) {
            Transfer existing = find(request.id()).orElseThrow(() -> exists);
            if (!existing.sameMovementAs(request)) {
                throw new TransferIdReused(existing);
            }
            return new Started(existing, false);
        }
    }

    /**
     * The accounts that must hold the amount before the decision: those whose flag could refuse their side. A
     * holder's debit (it may not exceed its credits) is held; a credit to a holder, or either side of a system
     * account, no flag can refuse.
     */
    private List<String> heldSides(TransferRequest request) {
        List<String> held = new java.util.ArrayList<>(2);
        if (accounts.flagsOf(request.debitAccountId()).contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
            held.add(request.debitAccountId());
        }
        if (accounts.flagsOf(request.creditAccountId()).contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
            held.add(request.creditAccountId());
        }
        return held;
    }

    /** A posted transfer with sides to book: the next booking round books them. */
    private Transfer booked(Transfer t) {
        if (t.state() == TransferState.POSTED && !t.unbooked().isEmpty()) {
            booking.noteUnbooked(t);
        }
        return t;
    }

    /**
     * Starts and runs a transfer as far as it goes; a two-phase one has a {@code timeout} from its start, a
     * single-phase one none. A retry of an existing one is returned as it stands.
     */
    Started execute(TransferRequest request, String createdBy, Duration timeout, int steps) {
        Started started = start(request, createdBy, timeout);
        if (!started.created()) {
            return started;
        }
        return new Started(advance(started.transfer(), steps - 1), true);
    }

    /**
     * Runs {@code transfer} on from its state, at most {@code steps} writes, while its lease lasts. Returns the
     * transfer as this process left it; when another process took it over, as that one has it now.
     */
    Transfer advance(Transfer transfer, int steps) {
        Budget budget = new Budget(steps);
        Transfer t = transfer;
        try {
            while (t.state().inFlight() && budget.left > 0 && owns(t)) {
                t = switch (t.state()) {
                    case RESERVING -> reserve(t, budget);
                    case POSTING -> settle(t, budget, true);
                    case VOIDING -> settle(t, budget, false);
                    default -> throw new IllegalStateException("not in flight: " + t.state());
                };
            }
            return t;
        } catch (OptimisticLockingFailureException overtaken) {
            log.info("transfer {} was moved on by another process meanwhile", t.id());
            return find(t.id()).orElseThrow();
        }
    }

    /** Records a decision on a pending two-phase transfer and runs it to its end. */
    Transfer decide(Transfer pending, Decision decision, int steps) {
        Transfer t = pending;
        for (int attempt = 0; attempt < 5; attempt++) {
            Instant now = clock.instant();
            Instant lease = now.plus(properties.lease());
            boolean changed = switch (decision.kind()) {
                case POST -> t.post(decision.operator(), decision.note(), now, lease);
                case VOID -> t.voidPending(decision.reason(), decision.operator(), decision.note(), now, lease);
            };
            if (!changed) {
                return t;
            }
            if (steps < 1) {
                return t;
            }
            try {
                t = booked(aggregates.save(t));
                return advance(t, steps - 1);
            } catch (OptimisticLockingFailureException concurrentDecision) {
                t = find(t.id()).orElseThrow();
            }
        }
        throw new OptimisticLockingFailureException("transfer " + pending.id() + " keeps changing; retry");
    }

    /** What to do with a pending transfer. */
    record Decision(Kind kind, VoidReason reason, String operator, String note) {

        enum Kind {
            POST, VOID
        }

        static Decision post(String operator, String note) {
            return new Decision(Kind.POST, null, operator, note);
        }

        static Decision refuse(String operator, String note) {
            return new Decision(Kind.VOID, VoidReason.REFUSED, operator, note);
        }

        static Decision expire() {
            return new Decision(Kind.VOID, VoidReason.EXPIRED, null, null);
        }
    }

    /** Takes over an in-flight transfer whose lease ran out, then runs it to its end (recovery). */
    Optional<Transfer> takeOver(Transfer abandoned, int steps) {
        if (!abandoned.state().inFlight() || budgetless(steps)) {
            return Optional.empty();
        }
        abandoned.leaseTo(clock.instant().plus(properties.lease()));
        try {
            Transfer mine = aggregates.save(abandoned);
            return Optional.of(advance(mine, steps - 1));
        } catch (OptimisticLockingFailureException someoneElse) {
            return Optional.empty();
        }
    }

    /** Transfers a crash left in flight, whose lease ran out before {@code now}. */
    List<Transfer> abandoned(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("state").in(TransferState.RESERVING, TransferState.POSTING,
                TransferState.VOIDING).and("leaseUntil").lt(now)).limit(limit), Transfer.class);
    }

    /** Pending transfers whose time to be decided ran out before {@code now}. */
    List<Transfer> expired(Instant now, int limit) {
        return mongo.find(Query.query(Criteria.where("state").is(TransferState.PENDING).and("timeoutAt").lt(now))
                .limit(limit), Transfer.class);
    }

    /** Releases a hold that names a transfer which has ended already (see {@link LedgerRecovery}). */
    void releaseStaleHold(String accountId, Side side, Transfer ended) {
        if (!ended.state().isFinal()) {
            throw new IllegalStateException("transfer " + ended.id() + " has not ended: " + ended.state());
        }
        accounts.settle(accountId, side, ended.id(), ended.amount(), false, clock.instant());
    }

    private Transfer reserve(Transfer t, Budget budget) {
        for (String accountId : sidesHolding(t)) {
            if (!mayStep(t, budget)) {
                return t;
            }
            Side side = accountId.equals(t.debitAccountId()) ? Side.DEBIT : Side.CREDIT;
            Reservation held = accounts.reserve(accountId, side, t.id(), t.amount());
            if (held == Reservation.REFUSED) {
                // Credits not yet booked into the account's totals count towards what it may spend: book, ask again.
                // Once book returns, every transfer posted before it is in the totals (by this booking or another).
                booking.book(accountId, ALL);
                held = accounts.reserve(accountId, side, t.id(), t.amount());
            }
            if (held == Reservation.REFUSED) {
                return refuse(t, side == Side.DEBIT ? VoidReason.EXCEEDS_CREDITS : VoidReason.EXCEEDS_DEBITS, budget);
            }
        }
        if (!mayStep(t, budget)) {
            return t;
        }
        Instant now = clock.instant();
        t.reserved(now, now.plus(properties.lease()));
        return booked(aggregates.save(t));
    }

    /** The transfer's holding accounts, debit side first. */
    private static List<String> sidesHolding(Transfer t) {
        List<String> sides = new java.util.ArrayList<>(2);
        if (t.held().contains(t.debitAccountId())) {
            sides.add(t.debitAccountId());
        }
        if (t.held().contains(t.creditAccountId())) {
            sides.add(t.creditAccountId());
        }
        return sides;
    }

    private Transfer refuse(Transfer t, VoidReason why, Budget budget) {
        if (!mayStep(t, budget)) {
            return t;
        }
        Instant now = clock.instant();
        t.refused(why, now, now.plus(properties.lease()));
        log.info("transfer {} of {} points from {} to {} refused: {}", t.id(), t.amount(), t.debitAccountId(),
                t.creditAccountId(), why);
        return aggregates.save(t);
    }

    private Transfer settle(Transfer t, Budget budget, boolean post) {
        Instant postedAt = t.postedAt() == null ? clock.instant() : t.postedAt();
        for (String accountId : sidesHolding(t)) {
            if (!mayStep(t, budget)) {
                return t;
            }
            Side side = accountId.equals(t.debitAccountId()) ? Side.DEBIT : Side.CREDIT;
            accounts.settle(accountId, side, t.id(), t.amount(), post, postedAt);
        }
        if (!mayStep(t, budget)) {
            return t;
        }
        t.settled(clock.instant());
        return booked(aggregates.save(t));
    }

    /**
     * Whether the next write may be made: the budget allows it and the lease still holds. A process whose lease ran
     * out stops where it is; recovery finishes the transfer, and two processes never move one transfer at once.
     */
    private boolean mayStep(Transfer t, Budget budget) {
        return owns(t) && budget.spend();
    }

    private boolean owns(Transfer t) {
        return t.leaseUntil() != null && t.leaseUntil().isAfter(clock.instant());
    }

    private static boolean budgetless(int steps) {
        return steps < 1;
    }

    private static final class Budget {

        private int left;

        Budget(int steps) {
            this.left = steps;
        }

        boolean spend() {
            if (left <= 0) {
                return false;
            }
            left--;
            return true;
        }
    }
}
