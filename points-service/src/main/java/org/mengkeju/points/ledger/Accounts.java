package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The accounts' store: each change is one conditional update of one account that names the transfer it applies.
 * A reservation matches only while the transfer is not yet held on the account (and the account's flags allow
 * it) and adds it to {@code inflight}; a settlement matches only while it is held and removes it. Either step,
 * repeated by a retry or by recovery, matches nothing the second time.
 */
@Component
public class Accounts {

    static final String COLLECTION = "point_accounts";

    /** What a reservation did. */
    enum Reservation {
        /** Held now. */
        HELD,
        /** Held before: a repeated step. */
        ALREADY_HELD,
        /** The account's flag refused it; nothing changed. */
        REFUSED
    }

    /** Reads a balance's holds beside its other reads. */
    private static final ExecutorService READERS = Executors.newVirtualThreadPerTaskExecutor();

    private final MongoTemplate mongo;
    /** Accounts' flags, which never change once an account is opened: a reservation need not read the account. */
    private final Map<String, Set<AccountFlag>> flags = new ConcurrentHashMap<>();

    Accounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<Account> find(String id) {
        return Optional.ofNullable(mongo.findById(id, Account.class, COLLECTION));
    }

    /**
     * Opens the account unless it exists. Accounts are never closed, so an account this process has seen opened is
     * not looked up again: an award to a known holder costs no read.
     */
    void ensureOpen(String id, AccountKind kind, Instant now) {
        if (!flags.containsKey(id)) {
            Account account = openIfAbsent(id, kind, now);
            flags.putIfAbsent(id, account.flags());
        }
    }

    /** Opens the account unless it exists; returns the account as stored (the first one opened wins). */
    Account openIfAbsent(String id, AccountKind kind, Instant now) {
        Account existing = mongo.findById(id, Account.class, COLLECTION);
        if (existing != null) {
            return existing;
        }
        try {
            return mongo.insert(Account.open(id, kind, now), COLLECTION);
        } catch (DuplicateKeyException concurrentlyOpened) {
            return mongo.findById(id, Account.class, COLLECTION);
        }
    }

    /**
     * The account's balance with the transfers it holds in flight and those not yet booked on it counted by their
     * state (see {@link Balance}). The unbooked ones are read after the account; if a booking moved some of them into
     * the totals in between (the account's {@code bookingSeq} changed), the account is read again, so none is
     * counted twice or missed.
     */
    Balance balanceOf(Account account) {
        Account read = account;
        for (int attempt = 0; attempt < 5; attempt++) {
            // The holds need only the account: they are read meanwhile, so a read waits for three round trips.
            Account holding = read;
            CompletableFuture<Map<String, Transfer>> held = holding.inflight().isEmpty()
                    ? CompletableFuture.completedFuture(Map.of())
                    : CompletableFuture.supplyAsync(() -> heldBy(holding), READERS);
            List<Transfer> unbooked = unbookedOn(read.id());
            boolean unchanged = bookingSeqOf(read.id()) == read.bookingSeq();
            Map<String, Transfer> holds = held.join();
            if (unchanged) {
                return Balance.of(read, holds, unbooked);
            }
            read = find(read.id()).orElse(read);
        }
        return Balance.of(read, heldBy(read), unbookedOn(read.id()));
    }

    /** The account's booking counter alone, read by id (the store's id index answers only a filter on the id). */
    private long bookingSeqOf(String accountId) {
        Query byId = Query.query(Criteria.where("_id").is(accountId));
        byId.fields().include("bookingSeq");
        org.bson.Document seq = mongo.findOne(byId, org.bson.Document.class, COLLECTION);
        Number value = seq == null ? null : seq.get("bookingSeq", Number.class);
        return value == null ? 0 : value.longValue();
    }

    /** The transfers that list the account as not booked yet. */
    List<Transfer> unbookedOn(String accountId) {
        return mongo.find(Query.query(Criteria.where("unbooked").is(accountId)), Transfer.class);
    }

    /** The account's booking counter is {@code seq} (an account opened before bookings has none, as 0). */
    static Criteria bookingSeqIs(long seq) {
        return seq == 0 ? Criteria.where("bookingSeq").not().gt(0L) : Criteria.where("bookingSeq").is(seq);
    }

    /** The transfers the account holds in flight, by id. */
    Map<String, Transfer> heldBy(Account account) {
        Map<String, Transfer> inflight = new HashMap<>();
        if (!account.inflight().isEmpty()) {
            mongo.find(Query.query(Criteria.where("_id").in(account.inflight())), Transfer.class)
                    .forEach(t -> inflight.put(t.id(), t));
        }
        return inflight;
    }

    /** The account's flags; empty for an account that does not exist. */
    Set<AccountFlag> flagsOf(String accountId) {
        Set<AccountFlag> known = flags.get(accountId);
        if (known != null) {
            return known;
        }
        return find(accountId).map(account -> {
            flags.put(accountId, account.flags());
            return account.flags();
        }).orElse(Set.of());
    }

    /** Holds {@code amount} of {@code transfer} on the account, as a pending debit or credit, if its flags allow. */
    Reservation reserve(String accountId, Side side, String transfer, long amount) {
        Set<AccountFlag> flagsOfAccount = flagsOf(accountId);
        Criteria condition = Criteria.where("_id").is(accountId).and("inflight").ne(transfer);
        Update update = new Update().push("inflight", transfer);
        if (side == Side.DEBIT) {
            if (flagsOfAccount.contains(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS)) {
                condition = condition.and("debitHeadroom").gte(amount);
            }
            update.inc("debitsPending", amount).inc("debitHeadroom", -amount);
        } else {
            if (flagsOfAccount.contains(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS)) {
                condition = condition.and("creditHeadroom").gte(amount);
            }
            update.inc("creditsPending", amount).inc("creditHeadroom", -amount);
        }
        if (mongo.updateFirst(Query.query(condition), update, COLLECTION).getModifiedCount() == 1) {
            return Reservation.HELD;
        }
        return holds(accountId, transfer) ? Reservation.ALREADY_HELD : Reservation.REFUSED;
    }

    /**
     * Moves a held amount from pending to posted ({@code post}) or releases it; a no-op when the transfer is not
     * held (never reserved here, or settled already).
     */
    void settle(String accountId, Side side, String transfer, long amount, boolean post, Instant postedAt) {
        Update update = new Update().pull("inflight", transfer);
        if (side == Side.DEBIT) {
            update.inc("debitsPending", -amount);
            if (post) {
                update.inc("debitsPosted", amount).inc("creditHeadroom", amount);
            } else {
                update.inc("debitHeadroom", amount);
            }
        } else {
            update.inc("creditsPending", -amount);
            if (post) {
                update.inc("creditsPosted", amount).inc("debitHeadroom", amount);
            } else {
                update.inc("creditHeadroom", amount);
            }
        }
        if (post) {
            update.inc("postedTransfers", 1).max("lastPostedAt", Date.from(postedAt));
        }
        mongo.updateFirst(Query.query(Criteria.where("_id").is(accountId).and("inflight").is(transfer)), update,
                COLLECTION);
    }

    private boolean holds(String accountId, String transfer) {
        return mongo.exists(Query.query(Criteria.where("_id").is(accountId).and("inflight").is(transfer)), COLLECTION);
    }

    /** Which side of a transfer an account is on. */
    enum Side {
        DEBIT, CREDIT
    }
}
