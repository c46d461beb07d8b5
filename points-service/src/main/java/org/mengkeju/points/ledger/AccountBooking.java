package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Books the sides of transfers that no flag could refuse (see {@link Transfer}) into their accounts' stored totals,
 * many transfers per account in one write: this is what lets an award be a single write, and keeps the issued
 * account, which every award names, out of every award's path.
 *
 * <p>A booking of account A, as a small state machine that a crash at any point leaves consistent:
 * <ol>
 *   <li>the transfers the previous booking added (A's {@code booked}) are marked booked on A, in case its second
 *   write never came (skipped when this process saw that write succeed);</li>
 *   <li>the decided transfers that still list A as unbooked are read;</li>
 *   <li>one conditional update of A, on the {@code bookingSeq} read in step 1, adds their sums to the totals, lists
 *   them as {@code booked} and counts the booking: of two bookers only one adds them;</li>
 *   <li>one multi-document update marks them booked on A (each transfer drops A from its {@code unbooked}).</li>
 * </ol>
 * Between 3 and 4 a transfer is both in A's totals and still listed as unbooked; readers skip the ones in A's
 * {@code booked}, and read A's {@code bookingSeq} again to be sure no booking slipped in between their two reads.
 * Only posted transfers are booked: the engine writes a transfer whole at each step (its {@code unbooked} with it)
 * until its end, and nothing writes it after; decided ones that have not ended, and undecided ones, wait for a later
 * booking; voided ones no longer list any account.
 */
@Component
public class AccountBooking extends Repeating {

    /** The most transfers one booking adds to an account. */
    static final int BATCH = 500;
    /**
     * A round books an account once this many of its transfers wait, or once the first of them waited
     * {@link #MOST_ROUNDS_WAITED} rounds: a booking costs the same writes for one transfer as for hundreds, and readers
     * count the waiting ones meanwhile, so a quiet account is booked in a few seconds, a busy one in batches.
     */
    static final int ENOUGH_TO_BOOK = 20;
    static final int MOST_ROUNDS_WAITED = 5;

    private final MongoTemplate mongo;
    private final LedgerProperties properties;
    /** Accounts this process wrote unbooked transfers for, and how many since which round: rounds book them. */
    private final Map<String, Noted> due = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong rounds = new java.util.concurrent.atomic.AtomicLong();
    /** The booking (account → seq) whose marking write this process saw succeed, so step 1 can be skipped. */
    private final Map<String, Long> marked = new ConcurrentHashMap<>();

    AccountBooking(MongoTemplate mongo, LedgerProperties properties) {
        super("ledger-booking");
        this.mongo = mongo;
        this.properties = properties;
    }

    @Override
    protected void scheduleAll() {
        schedule("ledger booking", properties.bookingInterval(), () -> bookDue(false));
    }

    /** How many transfers of an account were noted since which round. */
    private record Noted(long since, int count) {
    }

    /** Notes that {@code transfer}, posted, left amounts to book, so a round books its accounts. */
    void noteUnbooked(Transfer transfer) {
        long round = rounds.get();
        for (String accountId : transfer.unbooked()) {
            due.merge(accountId, new Noted(round, 1), (was, one) -> new Noted(was.since(), was.count() + 1));
        }
    }

    /**
     * Books what the accounts noted by this process have due: with {@code search}, every account, after looking for
     * all with transfers to book (left by a crash or by another replica); without, as a round, those with enough
     * waiting or waiting long enough.
     *
     * @return transfers booked
     */
    public int bookDue(boolean search) {
        long round = rounds.getAndIncrement();
        Set<String> accounts = new LinkedHashSet<>();
        if (search) {
            var query = Query.query(Criteria.where("unbooked").exists(true));
            query.fields().include("unbooked");
            List<Object> emptied = new ArrayList<>();
            for (org.bson.Document t : mongo.find(query.limit(BATCH * 4), org.bson.Document.class,
                    mongo.getCollectionName(Transfer.class))) {
                List<String> listed = t.getList("unbooked", String.class, List.of());
                accounts.addAll(listed);
                if (listed.isEmpty()) {
                    emptied.add(t.get("_id"));
                }
            }
            if (!emptied.isEmpty()) {
                // Two bookings of a transfer's two accounts at once can each leave the other an empty list, which
                // stays empty (nothing adds to it): drop it, by id alone so that the store finds them by its index.
                mongo.updateMulti(Query.query(Criteria.where("_id").in(emptied)), new Update().unset("unbooked"),
                        Transfer.class);
            }
        }
        for (var noted : List.copyOf(due.entrySet())) {
            Noted waiting = noted.getValue();
            if (search || waiting.count() >= ENOUGH_TO_BOOK || round - waiting.since() >= MOST_ROUNDS_WAITED) {
                // a transfer noted meanwhile stays noted (this booking takes it too; the next one finds nothing)
                due.remove(noted.getKey(), waiting);
                accounts.add(noted.getKey());
            }
        }
        // Holders first: booking a holder books the system account alongside (an award's other side), so the system
        // account's own booking, which every award would otherwise wait for, mostly finds nothing left.
        List<String> inOrder = new ArrayList<>(accounts);
        inOrder.sort(Comparator.comparing(SystemAccount::isSystem));
        int booked = 0;
        for (String accountId : inOrder) {
            booked += book(accountId, Integer.MAX_VALUE);
        }
        return booked;
    }

    /** Books the account's decided, unbooked transfers, batch after batch, at most {@code steps} writes. */
    public int book(String accountId, int steps) {
        int total = 0;
        int[] budget = {steps};
        while (true) {
            int booked = bookBatch(accountId, budget);
            total += booked;
            if (booked < BATCH || budget[0] <= 0) {
                return total;
            }
        }
    }

    private int bookBatch(String accountId, int[] budget) {
        for (int attempt = 0; attempt < 10; attempt++) {
            Account account = mongo.findById(accountId, Account.class, Accounts.COLLECTION);
            if (account == null) {
                return 0;
            }
            long seq = account.bookingSeq();
            if (!redoLastMarking(account, budget)) {
                return 0;
            }
            List<Due> decided = due(accountId, account.booked(), null);
            if (decided.isEmpty() || !spend(budget)) {
                return 0;
            }
            // step 3: only if no other booking came in since the account was read
            if (!addToTotals(accountId, seq, decided)) {
                continue;
            }
            Alongside alongside = bookAlongside(accountId, decided, budget);
            if (!spend(budget)) {
                return decided.size();
            }
            markBooked(accountId, decided, alongside);
            marked.put(accountId, seq + 1);
            return decided.size();
        }
        due.putIfAbsent(accountId, new Noted(0, ENOUGH_TO_BOOK)); // kept busy by other bookers: next round again
        return 0;
    }

    /**
     * Step 1: marks the account's previous booking on its transfers again, unless this process saw that write
     * succeed. False when the budget ran out first.
     */
    private boolean redoLastMarking(Account account, int[] budget) {
        if (account.booked().isEmpty() || Long.valueOf(account.bookingSeq()).equals(marked.get(account.id()))) {
            return true;
        }
        if (!spend(budget)) {
            return false;
        }
        // the transfers' lists are not known: both kinds
        markBooked(account.id(), account.booked(), true, true);
        marked.put(account.id(), account.bookingSeq());
        return true;
    }

    /** Step 3: adds the transfers to the account's totals and lists them as its latest booking, if its seq holds. */
    private boolean addToTotals(String accountId, long seq, List<Due> transfers) {
        long debits = 0;
        long credits = 0;
        Instant last = null;
        List<String> ids = new ArrayList<>(transfers.size());
        for (Due t : transfers) {
            if (accountId.equals(t.debitAccountId())) {
                debits += t.amount();
            } else {
                credits += t.amount();
            }
            if (last == null || t.postedAt().isAfter(last)) {
                last = t.postedAt();
            }
            ids.add(t.id());
        }
        Update update = new Update().inc("debitsPosted", debits).inc("creditsPosted", credits)
                .inc("debitHeadroom", credits - debits).inc("creditHeadroom", debits - credits)
                .inc("postedTransfers", ids.size()).max("lastPostedAt", Date.from(last))
                .set("booked", ids).inc("bookingSeq", 1);
        return mongo.updateFirst(Query.query(Accounts.bookingSeqIs(seq).and("_id").is(accountId)), update,
                Accounts.COLLECTION).getModifiedCount() == 1;
    }

    /**
     * Step 4: the transfers booked on both of their accounts lose their lists at once; the others drop this account
     * from theirs. A list read with this account alone cannot have gained one, one read with two may have lost the
     * other to its own booking meanwhile, which leaves an empty list for the search to clear.
     */
    private void markBooked(String accountId, List<Due> booked, Alongside alongside) {
        if (!alongside.ids().isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(alongside.ids())), new Update().unset("unbooked"),
                    Transfer.class);
            marked.put(alongside.accountId(), alongside.seq() + 1);
        }
        List<Due> rest = booked.stream().filter(t -> !alongside.ids().contains(t.id())).toList();
        if (!rest.isEmpty()) {
            markBooked(accountId, rest.stream().map(Due::id).toList(), rest.stream().anyMatch(t -> t.listed() == 1),
                    rest.stream().anyMatch(t -> t.listed() > 1));
        }
    }

    /** Transfers booked on their other account too, by a booking of that account with this seq. */
    private record Alongside(String accountId, long seq, Set<String> ids) {

        static final Alongside NONE = new Alongside(null, 0, Set.of());
    }

    /**
     * Books the other side of the transfers just booked on {@code accountId} that list both of their accounts (an
     * award lists the issued account and the holder), as a booking of that account restricted to them: steps 1 to 3
     * of its own, so its seq decides against any other booking of it as usual. Then one write drops both accounts
     * from those transfers, where two bookings would each write every one of them. Only the other account that most
     * of them share; the rest are left listed for their own account's booking, as is everything when the other
     * account is busy with other bookings.
     */
    private Alongside bookAlongside(String accountId, List<Due> booked, int[] budget) {
        if (budget[0] <= 0) {
            return Alongside.NONE; // stopped here: nothing to read for writes that will not be made
        }
        Map<String, List<String>> byOther = new HashMap<>();
        for (Due t : booked) {
            if (t.other() != null) {
                byOther.computeIfAbsent(t.other(), o -> new ArrayList<>()).add(t.id());
            }
        }
        var most = byOther.entrySet().stream().max(Comparator.comparingInt(e -> e.getValue().size()));
        if (most.isEmpty()) {
            return Alongside.NONE;
        }
        String otherId = most.get().getKey();
        for (int attempt = 0; attempt < 3; attempt++) {
            Account other = mongo.findById(otherId, Account.class, Accounts.COLLECTION);
            if (other == null || !redoLastMarking(other, budget)) {
                return Alongside.NONE;
            }
            List<Due> stillListed = due(otherId, other.booked(), most.get().getValue());
            if (stillListed.isEmpty() || !spend(budget)) {
                return Alongside.NONE;
            }
            if (addToTotals(otherId, other.bookingSeq(), stillListed)) {
                return new Alongside(otherId, other.bookingSeq(),
                        stillListed.stream().map(Due::id).collect(Collectors.toSet()));
            }
        }
        return Alongside.NONE;
    }

    /**
     * What a booking needs of a transfer: read as such (a batch of the issued account is hundreds of them). {@code
     * other} is the other account it lists as unbooked, if any.
     */
    private record Due(String id, String debitAccountId, long amount, Instant postedAt, int listed, String other) {
    }

    /**
     * The posted transfers that list the account as unbooked, except those its latest booking added; among
     * {@code only} when given. Only ended transfers: until its end the engine saves a transfer whole, which would
     * write back a list this booking had changed; readers count a decided one from the list meanwhile.
     */
    private List<Due> due(String accountId, List<String> bookedLast, List<String> only) {
        Criteria listing = Criteria.where("unbooked").is(accountId);
        Query query = Query.query(only == null ? listing : Criteria.where("_id").in(only).andOperator(listing))
                .limit(BATCH * 2);
        query.fields().include("debitAccountId", "amount", "state", "postedAt", "unbooked");
        Set<String> latest = new HashSet<>(bookedLast);
        List<Due> due = new ArrayList<>();
        for (org.bson.Document t : mongo.find(query, org.bson.Document.class,
                mongo.getCollectionName(Transfer.class))) {
            String id = t.getString("_id");
            if (TransferState.POSTED.name().equals(t.getString("state")) && !latest.contains(id)
                    && due.size() < BATCH) {
                List<String> listed = t.getList("unbooked", String.class, List.of());
                String other = listed.stream().filter(a -> !a.equals(accountId)).findFirst().orElse(null);
                due.add(new Due(id, t.getString("debitAccountId"), t.get("amount", Number.class).longValue(),
                        t.getDate("postedAt").toInstant(), listed.size(), other));
            }
        }
        return due;
    }

    /**
     * Drops the account from the transfers' {@code unbooked}: a transfer that listed only this account loses the
     * field (so the search for work skips it), one that lists its other account too keeps that one.
     */
    private void markBooked(String accountId, List<String> transferIds, boolean lastListed, boolean otherListed) {
        if (lastListed) {
            // The equality on the account lets the store find the candidates through the index on unbooked.
            mongo.updateMulti(Query.query(Criteria.where("_id").in(transferIds).andOperator(
                    Criteria.where("unbooked").is(accountId), Criteria.where("unbooked").size(1))),
                    new Update().unset("unbooked"), Transfer.class);
        }
        if (otherListed) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(transferIds).and("unbooked").is(accountId)),
                    new Update().pull("unbooked", accountId), Transfer.class);
        }
    }

    private static boolean spend(int[] budget) {
        if (budget[0] <= 0) {
            return false;
        }
        budget[0]--;
        return true;
    }
}
