package org.mengkeju.points.ledger;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.points.ledger.TransferEngine.Decision;
import org.mengkeju.points.ledger.TransferEngine.Started;
import org.mengkeju.points.ledger.TransferEngine.TransferIdReused;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The innovation-point ledger's use cases (创新积分账本): awards from events, operators' adjustments and
 * reversals, holds and decisions for two-phase transfers, balances and statements, the invariant check. Who may do
 * what is decided here; how a transfer moves is {@link TransferEngine}'s.
 */
@Service
public class PointsLedger {

    /** The most transfers one statement page holds. */
    public static final int MAX_PAGE = 200;

    private static final Logger log = LoggerFactory.getLogger(PointsLedger.class);
    private static final String OPERATOR_CLIENT = "the platform's operators";

    private final TransferEngine engine;
    private final Accounts accounts;
    private final AccountBooking booking;
    private final LedgerCheck check;
    private final MongoTemplate mongo;
    private final Clock clock;

    PointsLedger(TransferEngine engine, Accounts accounts, AccountBooking booking, LedgerCheck check,
            MongoTemplate mongo, Clock clock) {
        this.engine = engine;
        this.accounts = accounts;
        this.booking = booking;
        this.check = check;
        this.mongo = mongo;
        this.clock = clock;
        for (SystemAccount system : SystemAccount.values()) {
            accounts.openIfAbsent(system.accountId(), AccountKind.SYSTEM, clock.instant());
        }
    }

    // ---- awards --------------------------------------------------------------------------------------------

    /**
     * Issues {@code points} to the institution {@code accountId} for {@code event}: a transfer from the issued
     * account whose id is derived from the event, so however often the event arrives it posts once.
     */
    public Outcome award(ReceivedEvent event, String accountId, long points, TransferReason reason) {
        return award(event, event.effectId(reason.effect()), accountId, points, reason, event.subject(), null);
    }

    /**
     * As {@link #award(ReceivedEvent, String, long, TransferReason)}, under a transfer id the rule derives from what
     * the award is for (a contract and a party), so a later event about the same thing can find and reverse it.
     * {@code occurredAt} is when the act happened (the contract's registration), kept with the award so a later
     * correction applies the rule that was in force then; null when no correction needs it.
     */
    public Outcome award(ReceivedEvent event, String transferId, String accountId, long points, TransferReason reason,
            String subject, Instant occurredAt) {
        accounts.ensureOpen(accountId, AccountKind.INSTITUTION, clock.instant());
        var request = new TransferRequest(transferId, SystemAccount.ISSUED.accountId(),
                accountId, points, reason, event.id(), event.id(), subject, false, null, occurredAt);
        Started started;
        try {
            started = engine.execute(request, event.source(), null, TransferEngine.ALL);
        } catch (TransferIdReused changedRule) {
            // The award rule changed between two deliveries of one event: the first award stands.
            log.warn("event {} was awarded before under other terms; the first award stands: {}", event.id(),
                    changedRule.getMessage());
            return Outcome.DUPLICATE;
        }
        Transfer transfer = started.transfer();
        if (!started.created()) {
            log.info("event {} already credited to {}; redelivery ignored", event.id(), accountId);
            return Outcome.DUPLICATE;
        }
        log.info("{} points credited to {} for {} {} (transfer {}, {})", points, accountId, reason, event.subject(),
                transfer.id(), transfer.state());
        return Outcome.APPLIED;
    }

    // ---- operators' transfers ------------------------------------------------------------------------------

    /**
     * An operator's adjustment between two existing accounts. The id is the idempotency key: the same id and
     * movement returns the existing transfer, another movement under it is a 409.
     */
    public Started adjust(CallerIdentity caller, TransferRequest request) {
        if (!mayAdjust(caller)) {
            throw ApiProblem.forbidden("only " + OPERATOR_CLIENT + " post adjustments; client "
                    + caller.clientId() + " may not");
        }
        if (request.reason() != TransferReason.ADJUSTMENT) {
            throw ApiProblem.invalid("reason-not-allowed", "Reason not allowed", "an operator posts "
                    + TransferReason.ADJUSTMENT + " transfers; awards, redemptions and reversals have their own way");
        }
        requireAccount(request.debitAccountId(), "debitAccountId");
        requireAccount(request.creditAccountId(), "creditAccountId");
        return refusedIfVoided(run(covered(request), caller.clientId(), null));
    }

    /**
     * Corrects a posted transfer by a new transfer of the same amount the other way, with id
     * {@code reversal:<id>}: a transfer is reversed at most once, and never edited.
     */
    public Started reverse(CallerIdentity caller, String transferId, String note) {
        if (!mayAdjust(caller)) {
            throw ApiProblem.forbidden("only " + OPERATOR_CLIENT + " reverse transfers; client "
                    + caller.clientId() + " may not");
        }
        Transfer original = engine.find(transferId).orElseThrow(() -> ApiProblem.notFound("transfer", transferId));
        if (!original.state().countsAsPosted()) {
            throw ApiProblem.conflict("transfer-not-posted", "Transfer not posted", "transfer " + transferId
                    + " is " + original.state() + "; only a posted transfer is reversed");
        }
        if (original.reason() == TransferReason.REVERSAL) {
            throw ApiProblem.conflict("reversal-of-reversal", "A reversal is not reversed", "transfer " + transferId
                    + " is itself a reversal; post an adjustment instead");
        }
        var request = new TransferRequest(TransferReason.REVERSAL.effect() + ":" + transferId,
                original.creditAccountId(), original.debitAccountId(), original.amount(), TransferReason.REVERSAL,
                transferId, null, original.sourceSubject(), false, note);
        return refusedIfVoided(run(covered(request), caller.clientId(), null));
    }

    /**
     * Reverses an award because of {@code event} (a contract's registration cancelled, say), as {@link #reverse} does
     * for an operator: at most once, by a transfer of the same amount the other way. Nothing when the award was never
     * made or is not posted. A holder who spent the points already cannot be debited below zero: the reversal is then
     * voided, and the log says so for an operator to settle.
     */
    public Outcome reverseAward(ReceivedEvent event, String transferId, String note) {
        Transfer original = engine.find(transferId).orElse(null);
        if (original == null || !original.state().countsAsPosted()) {
            return Outcome.SKIPPED;
        }
        var request = new TransferRequest(TransferReason.REVERSAL.effect() + ":" + transferId,
                original.creditAccountId(), original.debitAccountId(), original.amount(), TransferReason.REVERSAL,
                transferId, event.id(), original.sourceSubject(), false, note,
                original.occurredAt() != null ? original.occurredAt() : original.createdAt());
        Started started;
        try {
            started = engine.execute(request, event.source(), null, TransferEngine.ALL);
        } catch (TransferIdReused changed) {
            return Outcome.DUPLICATE;
        }
        Transfer reversal = started.transfer();
        if (reversal.state() == TransferState.VOIDED || reversal.state() == TransferState.VOIDING) {
            log.error("award {} could not be reversed for {}: {} on {}; an operator must settle it", transferId,
                    event.id(), reversal.voidReason(), reversal.debitAccountId());
            return Outcome.SKIPPED;
        }
        if (!started.created()) {
            return Outcome.DUPLICATE;
        }
        log.info("award {} of {} points reversed for {}", transferId, original.amount(), event.id());
        return Outcome.APPLIED;
    }

    /**
     * An award and what later transfers made of it.
     *
     * @param award    the award transfer, posted
     * @param net      the points it gives its holder now: the award, plus top-ups, less what was taken back
     * @param reversed whether it was reversed whole (its registration cancelled or revoked, or by an operator)
     * @param adjusted whether it was topped up or taken back in part
     */
    public record AwardStanding(Transfer award, long net, boolean reversed, boolean adjusted) {

        /** When the act it pays for happened; for an award made before that was kept, when it was made. */
        public Instant occurredAt() {
            return award.occurredAt() != null ? award.occurredAt() : award.createdAt();
        }
    }

    /**
     * The award {@code awardTransferId} and the posted transfers that name it as their reference (its reversal, its
     * top-ups and partial take-backs); empty when it was never made or is not posted.
     */
    public Optional<AwardStanding> standingOf(String awardTransferId) {
        Transfer award = engine.find(awardTransferId).orElse(null);
        if (award == null || !award.state().countsAsPosted()) {
            return Optional.empty();
        }
        String holder = award.creditAccountId();
        long net = award.amount();
        boolean reversed = false;
        boolean adjusted = false;
        for (Transfer t : mongo.find(Query.query(Criteria.where("reference").is(awardTransferId)), Transfer.class)) {
            if (!t.state().countsAsPosted()) {
                continue;
            }
            if (t.reason() == TransferReason.REVERSAL) {
                reversed = true;
            } else {
                adjusted = true;
            }
            if (holder.equals(t.creditAccountId())) {
                net += t.amount();
            } else if (holder.equals(t.debitAccountId())) {
                net -= t.amount();
            }
        }
        return Optional.of(new AwardStanding(award, net, reversed, adjusted));
    }

    /**
     * Tops up {@code award} by {@code points} because of {@code event} (its contract's technology transaction amount
     * was raised), as the transfer {@code transferId} from the issued account, which names the award as its reference
     * and the event as its source: once per id, however often the event arrives.
     */
    public Outcome topUpAward(ReceivedEvent event, String transferId, Transfer award, long points, String note) {
        var request = new TransferRequest(transferId, SystemAccount.ISSUED.accountId(), award.creditAccountId(),
                points, TransferReason.CONTRACT_CHANGED, award.id(), event.id(), award.sourceSubject(), false, note,
                award.occurredAt());
        return correction(event, request, award);
    }

    /**
     * Takes {@code points} of {@code award} back because of {@code event} (what earned it was reduced), as the transfer
     * {@code transferId} to the issued account, naming the award and the event; once per id. A holder who spent the
     * points already is not debited below zero: the transfer is then voided, and the log says so for an operator.
     */
    public Outcome takeBackAward(ReceivedEvent event, String transferId, Transfer award, long points, String note) {
        var request = new TransferRequest(transferId, award.creditAccountId(), SystemAccount.ISSUED.accountId(),
                points, TransferReason.AWARD_REDUCED, award.id(), event.id(), award.sourceSubject(), false, note,
                award.occurredAt());
        return correction(event, request, award);
    }

    private Outcome correction(ReceivedEvent event, TransferRequest request, Transfer award) {
        Started started;
        try {
            started = engine.execute(request, event.source(), null, TransferEngine.ALL);
        } catch (TransferIdReused changed) {
            return Outcome.DUPLICATE;
        }
        Transfer t = started.transfer();
        if (t.state() == TransferState.VOIDED || t.state() == TransferState.VOIDING) {
            log.error("award {} could not be corrected by {} points for {}: {} on {}; an operator must settle it",
                    award.id(), request.amount(), event.id(), t.voidReason(), t.debitAccountId());
            return Outcome.SKIPPED;
        }
        if (!started.created()) {
            return Outcome.DUPLICATE;
        }
        log.info("award {} corrected by {} {} points for {} (transfer {})", award.id(), request.reason(),
                request.amount(), event.id(), t.id());
        return Outcome.APPLIED;
    }

    /**
     * Holds points for a two-phase transfer (e.g. a redemption) for {@code timeout}; the caller decided who may.
     * A hold the account cannot cover ends VOIDED, which the caller turns into its refusal.
     */
    public Started hold(TransferRequest request, String createdBy, Duration timeout) {
        if (!request.twoPhase()) {
            throw new IllegalArgumentException("a hold is a two-phase transfer");
        }
        requireAccount(request.debitAccountId(), "accountId");
        return run(request, createdBy, timeout);
    }

    /**
     * A holder's account as expiry sees it.
     *
     * @param accountId       the account
     * @param creditedBefore  points posted into it before the cut-off
     * @param spent           every point that left it or is held to leave, expiries included
     */
    public record Expirable(String accountId, long creditedBefore, long spent) {
    }

    /** Holders credited before {@code cutoff}, with what they spent since they opened. */
    public List<Expirable> expirable(Instant cutoff) {
        booking.bookDue(true); // so that every holder credited so far shows credits in its stored totals
        List<Expirable> holders = new java.util.ArrayList<>();
        for (Account account : mongo.find(Query.query(Criteria.where("kind").ne(AccountKind.SYSTEM)
                .and("creditsPosted").gt(0)), Account.class, Accounts.COLLECTION)) {
            long credited = postedBefore(account.id(), cutoff);
            if (credited > 0) {
                Balance balance = balanceOf(account);
                holders.add(new Expirable(account.id(), credited, balance.debitsPosted() + balance.debitsPending()));
            }
        }
        return holders;
    }

    /** Moves {@code points} of {@code accountId} to the expired account as transfer {@code id}; once per id. */
    public Started expire(String id, String accountId, long points, String note) {
        return run(new TransferRequest(id, accountId, SystemAccount.EXPIRED.accountId(), points, TransferReason.EXPIRY,
                id, null, null, false, note), "points-expiry", null);
    }

    private long postedBefore(String accountId, Instant cutoff) {
        var rows = mongo.aggregate(Aggregation.newAggregation(
                Aggregation.match(Criteria.where("creditAccountId").is(accountId)
                        .and("state").in(TransferState.POSTING.name(), TransferState.POSTED.name())
                        .and("postedAt").lt(cutoff)),
                Aggregation.group("creditAccountId").sum("amount").as("sum")),
                Transfer.class, org.bson.Document.class).getMappedResults();
        return rows.isEmpty() ? 0 : ((Number) rows.getFirst().get("sum")).longValue();
    }

    /** Posts a pending two-phase transfer; repeating the decision returns it unchanged. */
    public Transfer post(String transferId, String operator, String note) {
        return decide(transferId, Decision.post(operator, note));
    }

    /** Voids a pending two-phase transfer as refused; repeating the decision returns it unchanged. */
    public Transfer refuse(String transferId, String operator, String note) {
        return decide(transferId, Decision.refuse(operator, note));
    }

    public Optional<Transfer> findTransfer(String transferId) {
        return engine.find(transferId);
    }

    /** Whether the transfer was made (an award asks before its cap grant, and it nearly never was). */
    public boolean transferExists(String transferId) {
        return engine.exists(transferId);
    }

    public Transfer transfer(CallerIdentity caller, String transferId) {
        return engine.find(transferId).filter(t -> maySee(caller, t))
                .orElseThrow(() -> ApiProblem.notFound("transfer", transferId));
    }

    /** The movement an operator asked for, or a 400 naming what is wrong with it. */
    public static TransferRequest requestOf(String id, String debitAccountId, String creditAccountId, long amount,
            TransferReason reason, String reference, boolean twoPhase, String note) {
        try {
            return new TransferRequest(id, debitAccountId, creditAccountId, amount, reason, reference, null, null,
                    twoPhase, note);
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.invalid("invalid-transfer", "Invalid transfer", invalid.getMessage());
        }
    }

    // ---- accounts ------------------------------------------------------------------------------------------

    /** Opens a holder's account; opening it again returns it, as a different kind is a 409. */
    public Account open(CallerIdentity caller, String accountId, AccountKind kind) {
        if (!mayAdjust(caller)) {
            throw ApiProblem.forbidden("only " + OPERATOR_CLIENT + " open accounts; client " + caller.clientId()
                    + " may not");
        }
        if (kind == AccountKind.SYSTEM || SystemAccount.isSystem(accountId)) {
            throw ApiProblem.invalid("system-account", "System account", "system accounts are the platform's own;"
                    + " open an INSTITUTION or USER account with an id outside system:");
        }
        Account account = accounts.openIfAbsent(accountId, kind, clock.instant());
        if (account.kind() != kind) {
            throw ApiProblem.conflict("account-exists", "Account exists", "account " + accountId + " exists as "
                    + account.kind() + ", not " + kind);
        }
        return account;
    }

    public Balance balanceOf(CallerIdentity caller, String accountId) {
        checkMayRead(caller, accountId);
        return balanceOf(accountId);
    }

    /** The balance, never half a transfer; an account not opened yet holds nothing. */
    public Balance balanceOf(String accountId) {
        return accounts.find(accountId).map(this::balanceOf)
                .orElseGet(() -> new Balance(accountId, AccountKind.INSTITUTION, 0, 0, 0, 0, 0, null));
    }

    private Balance balanceOf(Account account) {
        return accounts.balanceOf(account);
    }

    /**
     * The balance as it stood at {@code asOf} (auditors ask for it): the transfers posted on the account by then,
     * summed from the ledger itself. Pending amounts of the past are not kept, so none are shown.
     */
    public Balance balanceAsOf(CallerIdentity caller, String accountId, Instant asOf) {
        checkMayRead(caller, accountId);
        Account account = accounts.find(accountId).orElse(null);
        AccountKind kind = account == null ? AccountKind.INSTITUTION : account.kind();
        long[] debits = postedUntil("debitAccountId", accountId, asOf);
        long[] credits = postedUntil("creditAccountId", accountId, asOf);
        Transfer last = mongo.findOne(Query.query(Criteria.where("accounts").is(accountId)
                .and("state").in(TransferState.POSTING, TransferState.POSTED).and("postedAt").lte(asOf))
                .with(Sort.by(Sort.Order.desc("postedAt"))), Transfer.class);
        return new Balance(accountId, kind, debits[0], credits[0], 0, 0, debits[1] + credits[1],
                last == null ? null : last.postedAt());
    }

    /** Sum and count of the account's transfers posted on {@code side} by {@code asOf}. */
    private long[] postedUntil(String side, String accountId, Instant asOf) {
        var rows = mongo.aggregate(Aggregation.newAggregation(
                Aggregation.match(Criteria.where(side).is(accountId)
                        .and("state").in(TransferState.POSTING.name(), TransferState.POSTED.name())
                        .and("postedAt").lte(asOf)),
                Aggregation.group(side).sum("amount").as("sum").count().as("count")),
                Transfer.class, org.bson.Document.class).getMappedResults();
        if (rows.isEmpty()) {
            return new long[2];
        }
        return new long[] {((Number) rows.getFirst().get("sum")).longValue(),
                ((Number) rows.getFirst().get("count")).longValue()};
    }

    /** The transfers that name {@code reference} (an event, a reversed transfer, a file number), oldest first. */
    public List<Transfer> transfersFor(CallerIdentity caller, String reference) {
        return mongo.find(Query.query(Criteria.where("reference").is(reference))
                .with(Sort.by(Sort.Order.asc("createdAt"), Sort.Order.asc("_id"))).limit(MAX_PAGE), Transfer.class)
                .stream().filter(t -> maySee(caller, t)).toList();
    }

    /** A page of the account's posted transfers, newest first, and the cursor of the next page (null at the end). */
    public record Statement(List<Transfer> transfers, String nextCursor) {
    }

    public Statement statementOf(CallerIdentity caller, String accountId, String cursor, int limit) {
        checkMayRead(caller, accountId);
        if (limit < 1 || limit > MAX_PAGE) {
            throw ApiProblem.invalid("invalid-limit", "Invalid limit", "limit must be between 1 and " + MAX_PAGE);
        }
        Criteria criteria = Criteria.where("accounts").is(accountId)
                .and("state").in(TransferState.POSTING, TransferState.POSTED);
        if (cursor != null) {
            Position after = Position.decode(cursor);
            criteria = new Criteria().andOperator(criteria, new Criteria().orOperator(
                    Criteria.where("postedAt").lt(after.postedAt()),
                    Criteria.where("postedAt").is(after.postedAt()).and("_id").lt(after.id())));
        }
        List<Transfer> page = mongo.find(Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("postedAt"), Sort.Order.desc("_id"))).limit(limit + 1), Transfer.class);
        if (page.size() <= limit) {
            return new Statement(page, null);
        }
        Transfer last = page.get(limit - 1);
        return new Statement(page.subList(0, limit), new Position(last.postedAt(), last.id()).encode());
    }

    /** Verifies the ledger's invariants; operators only. */
    public LedgerCheck.Report check(CallerIdentity caller) {
        if (!mayAdjust(caller)) {
            throw ApiProblem.forbidden("only " + OPERATOR_CLIENT + " run the ledger check; client "
                    + caller.clientId() + " may not");
        }
        return check.run();
    }

    // ---- rules ---------------------------------------------------------------------------------------------

    /** An institution reads its own account, operators read any; nobody else reads one. */
    static boolean mayRead(CallerIdentity caller, String accountId) {
        return accountId.equals(caller.institutionId()) || caller.is(Role.OPERATOR);
    }

    /** Points are money: only operators move them by hand, open accounts or audit the ledger. */
    static boolean mayAdjust(CallerIdentity caller) {
        return caller.is(Role.OPERATOR);
    }

    /** Operators see every transfer; an institution those on its own account. */
    static boolean maySee(CallerIdentity caller, Transfer transfer) {
        return caller.is(Role.OPERATOR) || (caller.institutionId() != null
                && (caller.institutionId().equals(transfer.debitAccountId())
                        || caller.institutionId().equals(transfer.creditAccountId())));
    }

    private static void checkMayRead(CallerIdentity caller, String accountId) {
        if (!mayRead(caller, accountId)) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " may read only the account of its own "
                    + "institution, not " + accountId);
        }
    }

    private Started run(TransferRequest request, String createdBy, Duration timeout) {
        try {
            return engine.execute(request, createdBy, timeout, TransferEngine.ALL);
        } catch (TransferIdReused reused) {
            throw ApiProblem.conflict("transfer-id-reused", "Transfer id reused", reused.getMessage());
        }
    }

    /**
     * Refuses up front, writing nothing, a debit the account cannot cover; under concurrent requests the account's
     * flag in the reserving write is what guarantees it.
     */
    TransferRequest covered(TransferRequest request) {
        if (engine.find(request.id()).isPresent()) {
            return request; // a retry: answered from the transfer as it stands
        }
        Account debit = accounts.find(request.debitAccountId()).orElseThrow();
        if (debit.has(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS) && balanceOf(debit).available() < request.amount()) {
            throw insufficient(request.debitAccountId(), request.amount(), balanceOf(debit).available());
        }
        return request;
    }

    /** The problem of a debit beyond what the account holds. */
    public static ApiProblem insufficient(String accountId, long asked, long available) {
        return ApiProblem.conflict("insufficient-points", "Insufficient points", "account " + accountId + " has "
                + available + " points available, fewer than the " + asked + " asked");
    }

    private static Started refusedIfVoided(Started started) {
        Transfer t = started.transfer();
        if (t.state() == TransferState.VOIDED || t.state() == TransferState.VOIDING) {
            throw ApiProblem.conflict("insufficient-points", "Insufficient points", "transfer " + t.id() + " of "
                    + t.amount() + " points was refused: " + t.voidReason() + " on " + t.debitAccountId());
        }
        return started;
    }

    private Transfer decide(String transferId, Decision decision) {
        Transfer transfer = engine.find(transferId).orElseThrow(() -> ApiProblem.notFound("transfer", transferId));
        try {
            return engine.decide(transfer, decision, TransferEngine.ALL);
        } catch (IllegalStateException notPending) {
            throw ApiProblem.conflict("transfer-not-pending", "Transfer not pending", "transfer " + transferId
                    + " is " + transfer.state() + (transfer.voidReason() == null ? "" : " (" + transfer.voidReason()
                    + ")") + " and can no longer be " + (decision.kind() == Decision.Kind.POST ? "posted" : "voided"));
        }
    }

    private void requireAccount(String accountId, String field) {
        if (accounts.find(accountId).isEmpty()) {
            throw ApiProblem.invalid("unknown-account", "Unknown account", field + ": account " + accountId
                    + " does not exist");
        }
    }

    /** Where a statement page ended, as an opaque cursor. */
    record Position(Instant postedAt, String id) {

        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((postedAt.toEpochMilli() + ":" + id)
                    .getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = text.indexOf(':');
                return new Position(Instant.ofEpochMilli(Long.parseLong(text.substring(0, colon))),
                        text.substring(colon + 1));
            } catch (RuntimeException e) {
                throw ApiProblem.invalid("invalid-cursor", "Invalid cursor", "cursor is not one this API returned");
            }
        }
    }
}
