package org.mengkeju.points.ledger;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.mengkeju.points.ledger.Accounts.Side;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Finishes what crashes left behind, by itself, on a timer: in-flight transfers whose lease ran out are taken over
 * and run to their end (completed when decided or when the accounts allow, voided otherwise); pending two-phase
 * transfers past their timeout are voided; a hold left on an account by a process that ran past its lease after the
 * transfer had ended is released; transfers left unbooked are booked. Every step is idempotent, so two replicas
 * sweeping at once do no harm.
 */
@Component
public class LedgerRecovery extends Repeating {

    /** Recovered transfers, by what recovery found: counted so operators see crashes happen. */
    public static final String RECOVERED_METRIC = "mengkeju.points.transfers.recovered";

    private static final Logger log = LoggerFactory.getLogger(LedgerRecovery.class);
    private static final int BATCH = 500;

    private final TransferEngine engine;
    private final AccountBooking booking;
    private final MongoTemplate mongo;
    private final LedgerCheck check;
    private final LedgerProperties properties;
    private final Clock clock;
    private final Counter recoveredInFlight;
    private final Counter expiredPending;
    private final Counter releasedHolds;

    LedgerRecovery(TransferEngine engine, AccountBooking booking, MongoTemplate mongo, LedgerCheck check,
            LedgerProperties properties, Clock clock, MeterRegistry meters) {
        super("ledger-recovery");
        this.engine = engine;
        this.booking = booking;
        this.mongo = mongo;
        this.check = check;
        this.properties = properties;
        this.clock = clock;
        this.recoveredInFlight = meters.counter(RECOVERED_METRIC, "found", "in-flight");
        this.expiredPending = meters.counter(RECOVERED_METRIC, "found", "expired-pending");
        this.releasedHolds = meters.counter(RECOVERED_METRIC, "found", "stale-hold");
    }

    /** What one sweep did. */
    public record Sweep(int completed, int voided, int expired, int released) {

        public int total() {
            return completed + voided + expired + released;
        }
    }

    /** One pass, as of {@code now}: what had a lease or a timeout before then is taken over. */
    public Sweep sweep(Instant now) {
        int completed = 0;
        int voided = 0;
        for (Transfer abandoned : engine.abandoned(now, BATCH)) {
            var finished = engine.takeOver(abandoned, TransferEngine.ALL);
            if (finished.isPresent()) {
                recoveredInFlight.increment();
                log.warn("transfer {} recovered from {}: now {}", abandoned.id(), abandoned.state(),
                        finished.get().state());
                if (finished.get().state() == TransferState.POSTED) {
                    completed++;
                } else if (finished.get().state() == TransferState.VOIDED) {
                    voided++;
                }
            }
        }
        int expired = 0;
        for (Transfer pending : engine.expired(now, BATCH)) {
            Transfer after = engine.decide(pending, TransferEngine.Decision.expire(), TransferEngine.ALL);
            if (after.voidReason() == VoidReason.EXPIRED) {
                expired++;
                expiredPending.increment();
                log.info("pending transfer {} of {} points on {} expired undecided", pending.id(), pending.amount(),
                        pending.debitAccountId());
            }
        }
        int released = releaseStaleHolds(now);
        // Whatever is left to book, also by a process that died before its booking round or by another replica.
        booking.bookDue(true);
        return new Sweep(completed, voided, expired, released);
    }

    /**
     * A transfer that ended while a process past its lease still held an old view of it can leave a hold on an
     * account (the account lists it, the transfer is final). Readers ignore such holds; this releases them.
     */
    private int releaseStaleHolds(Instant now) {
        int released = 0;
        var holding = mongo.find(Query.query(Criteria.where("inflight.0").exists(true)).limit(BATCH),
                Document.class, Accounts.COLLECTION);
        for (Document account : holding) {
            for (String transferId : account.getList("inflight", String.class, List.of())) {
                Transfer transfer = engine.find(transferId).orElse(null);
                if (transfer == null || !transfer.state().isFinal()) {
                    continue;
                }
                Instant ended = transfer.voidedAt() != null ? transfer.voidedAt() : transfer.postedAt();
                if (ended != null && ended.plus(properties.lease()).isAfter(now)) {
                    continue;
                }
                String accountId = account.getString("_id");
                Side side = accountId.equals(transfer.debitAccountId()) ? Side.DEBIT : Side.CREDIT;
                engine.releaseStaleHold(accountId, side, transfer);
                releasedHolds.increment();
                released++;
                log.warn("released a stale hold of transfer {} on account {}", transferId, accountId);
            }
        }
        return released;
    }

    @Override
    protected void scheduleAll() {
        schedule("ledger recovery sweep", properties.sweepInterval(), () -> sweep(clock.instant()));
        schedule("ledger check", properties.checkInterval(), check::run);
    }
}
