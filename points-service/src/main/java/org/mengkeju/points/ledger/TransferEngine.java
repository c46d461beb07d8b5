package org.mengkeju.points.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * is written first (RESERVING), each account then holds the amount as pending, the transfer records the decision
 * (POSTING, PENDING or VOIDING, with its events), each account settles, and the transfer is marked final.
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
    private final OutboxAggregates aggregates;
    private final LedgerProperties properties;
    private final Clock clock;

    TransferEngine(MongoTemplate mongo, Accounts accounts, OutboxAggregates aggregates, LedgerProperties properties,
            Clock clock) {
        this.mongo = mongo;
        this.accounts = accounts;
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

    /**
     * Writes the transfer (the first step) unless one with its id exists: the same movement is returned as it
     * stands, another movement under the same id is refused.
     */
    Started start(TransferRequest request, String createdBy, Duration timeout) {
        Instant now = clock.instant();
        Instant timeoutAt = timeout == null ? null : now.plus(timeout);
        try {
            return new Started(mongo.insert(Transfer.begin(request, createdBy, now, timeoutAt,
                    now.plus(properties.lease()))), true);
        } catch (DuplicateKeyException exists) {
            Transfer existing = find(request.id()).orElseThrow(() -> exists);
            if (!existing.sameMovementAs(request)) {
                throw new TransferIdReused(existing);
            }
            return new Started(existing, false);
        }
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
                t = aggregates.save(t);
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
        if (!mayStep(t, budget)) {
            return t;
        }
        if (accounts.reserve(t.debitAccountId(), Side.DEBIT, t.id(), t.amount()) == Reservation.REFUSED) {
            return refuse(t, VoidReason.EXCEEDS_CREDITS, budget);
        }
        if (!mayStep(t, budget)) {
            return t;
        }
        if (accounts.reserve(t.creditAccountId(), Side.CREDIT, t.id(), t.amount()) == Reservation.REFUSED) {
            return refuse(t, VoidReason.EXCEEDS_DEBITS, budget);
        }
        if (!mayStep(t, budget)) {
            return t;
        }
        Instant now = clock.instant();
        t.reserved(now, now.plus(properties.lease()));
        return aggregates.save(t);
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
        if (!mayStep(t, budget)) {
            return t;
        }
        accounts.settle(t.debitAccountId(), Side.DEBIT, t.id(), t.amount(), post, postedAt);
        if (!mayStep(t, budget)) {
            return t;
        }
        accounts.settle(t.creditAccountId(), Side.CREDIT, t.id(), t.amount(), post, postedAt);
        if (!mayStep(t, budget)) {
            return t;
        }
        t.settled(clock.instant());
        return aggregates.save(t);
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
