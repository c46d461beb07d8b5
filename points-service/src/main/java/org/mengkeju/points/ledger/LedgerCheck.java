package org.mengkeju.points.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Proves the ledger's invariants from the transfers themselves: every transfer moves a positive amount between two
 * existing accounts of one ledger; every account's posted totals equal the sums of its posted transfers and its
 * pending totals equal the transfers it holds; total debits equal total credits, so the balances sum to zero; no
 * transfer is stuck past its lease or its timeout, and none waits to be booked longer than recovery allows. A full
 * scan, for operators and for the alerting metric, never for reading a balance. Under concurrent traffic an account
 * that disagrees is read again before it is reported.
 */
@Component
public class LedgerCheck {

    /** Violations found by the latest check: alert when above zero. */
    public static final String VIOLATIONS_METRIC = "mengkeju.points.ledger.violations";

    private final MongoTemplate mongo;
    private final Accounts accounts;
    private final LedgerProperties properties;
    private final Clock clock;
    private final AtomicLong lastViolations = new AtomicLong();

    LedgerCheck(MongoTemplate mongo, Accounts accounts, LedgerProperties properties, Clock clock, MeterRegistry meters) {
        this.mongo = mongo;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
        Gauge.builder(VIOLATIONS_METRIC, lastViolations, AtomicLong::get)
                .description("invariant violations found by the latest ledger check").register(meters);
    }

    /**
     * What a check found.
     *
     * @param checkedAt          when it ran
     * @param accounts           accounts checked
     * @param transfers          transfers checked
     * @param totalDebitsPosted  points posted out of all accounts
     * @param totalCreditsPosted points posted into all accounts
     * @param sumOfBalances      the sum of every account's posted balance; zero in a sound ledger
     * @param violations         each broken invariant, as a sentence
     * @param stuckTransfers     transfers past their lease or timeout that recovery has not finished
     */
    public record Report(Instant checkedAt, long accounts, long transfers, long totalDebitsPosted,
            long totalCreditsPosted, long sumOfBalances, List<String> violations, List<String> stuckTransfers) {

        public boolean holds() {
            return violations.isEmpty() && stuckTransfers.isEmpty();
        }
    }

    public Report run() {
        Instant now = clock.instant();
        // Recovery sweeps at its interval; a transfer it should have finished a sweep or two ago is stuck.
        Duration grace = properties.sweepInterval().multipliedBy(2);
        Map<String, long[]> sums = new HashMap<>();
        List<String> violations = new ArrayList<>();
        List<String> stuck = new ArrayList<>();
        long transfers = 0;
        long totalDebits = 0;
        long totalCredits = 0;
        try (var all = mongo.stream(new Query(), Transfer.class)) {
            for (Transfer t : (Iterable<Transfer>) all::iterator) {
                transfers++;
                if (t.amount() <= 0 || t.debitAccountId().equals(t.creditAccountId())) {
                    violations.add("transfer " + t.id() + " moves " + t.amount() + " from " + t.debitAccountId()
                            + " to " + t.creditAccountId());
                }
                if (t.state().countsAsPosted()) {
                    sums.computeIfAbsent(t.debitAccountId(), k -> new long[2])[0] += t.amount();
                    sums.computeIfAbsent(t.creditAccountId(), k -> new long[2])[1] += t.amount();
                    totalDebits += t.amount();
                    totalCredits += t.amount();
                }
                if (t.state().inFlight() && t.leaseUntil() != null && t.leaseUntil().plus(grace).isBefore(now)) {
                    stuck.add(t.id() + " " + t.state() + " since its lease ran out at " + t.leaseUntil());
                }
                if (t.state() == TransferState.POSTED && !t.unbooked().isEmpty()
                        && t.postedAt().plus(grace).isBefore(now)) {
                    stuck.add(t.id() + " not booked on " + t.unbooked() + " since it posted at " + t.postedAt());
                }
                if (t.state() == TransferState.PENDING && t.timeoutAt().plus(grace).isBefore(now)) {
                    stuck.add(t.id() + " PENDING past its timeout " + t.timeoutAt());
                }
            }
        }
        long accountsChecked = 0;
        long sumOfBalances = 0;
        try (var all = mongo.stream(new Query(), Account.class, Accounts.COLLECTION)) {
            for (Account account : (Iterable<Account>) all::iterator) {
                accountsChecked++;
                long[] expected = sums.getOrDefault(account.id(), new long[2]);
                Balance balance = accounts.balanceOf(account);
                List<String> wrong = disagreements(balance, account, expected);
                if (!wrong.isEmpty()) {
                    // Traffic moved on while the scan ran: compare a fresh read of this account alone.
                    Account again = mongo.findById(account.id(), Account.class, Accounts.COLLECTION);
                    balance = accounts.balanceOf(again);
                    wrong = disagreements(balance, again, postedSumsOf(account.id()));
                }
                violations.addAll(wrong);
                sumOfBalances += balance.posted();
                sums.remove(account.id());
            }
        }
        sums.keySet().forEach(missing -> violations.add("transfers name account " + missing
                + ", which does not exist"));
        if (totalDebits != totalCredits) {
            violations.add("total debits " + totalDebits + " differ from total credits " + totalCredits);
        }
        if (sumOfBalances != 0) {
            violations.add("the balances of all accounts sum to " + sumOfBalances + ", not 0");
        }
        lastViolations.set(violations.size() + stuck.size());
        return new Report(now, accountsChecked, transfers, totalDebits, totalCredits, sumOfBalances, List.copyOf(violations),
                List.copyOf(stuck));
    }

    private long[] postedSumsOf(String accountId) {
        long[] sums = new long[2];
        for (Transfer t : mongo.find(Query.query(Criteria.where("accounts").is(accountId)), Transfer.class)) {
            if (t.state().countsAsPosted()) {
                sums[accountId.equals(t.debitAccountId()) ? 0 : 1] += t.amount();
            }
        }
        return sums;
    }

    private List<String> disagreements(Balance balance, Account account, long[] expected) {
        List<String> wrong = new ArrayList<>();
        if (balance.debitsPosted() != expected[0] || balance.creditsPosted() != expected[1]) {
            wrong.add("account " + account.id() + " shows debits " + balance.debitsPosted() + " and credits "
                    + balance.creditsPosted() + " posted, its transfers sum to " + expected[0] + " and "
                    + expected[1]);
        }
        long heldDebits = 0;
        long heldCredits = 0;
        for (Transfer held : accounts.heldBy(account).values()) {
            if (account.id().equals(held.debitAccountId())) {
                heldDebits += held.amount();
            } else {
                heldCredits += held.amount();
            }
        }
        if (account.debitsPending() != heldDebits || account.creditsPending() != heldCredits) {
            wrong.add("account " + account.id() + " keeps pending debits " + account.debitsPending() + " and credits "
                    + account.creditsPending() + ", the transfers it holds come to " + heldDebits + " and "
                    + heldCredits);
        }
        long debitHeadroom = account.creditsPosted() - account.debitsPosted() - account.debitsPending();
        long creditHeadroom = account.debitsPosted() - account.creditsPosted() - account.creditsPending();
        if (account.debitHeadroom() != debitHeadroom || account.creditHeadroom() != creditHeadroom) {
            wrong.add("account " + account.id() + " keeps headroom that does not follow from its totals");
        }
        if (account.has(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS) && debitHeadroom < 0) {
            wrong.add("account " + account.id() + " has debits beyond its credits");
        }
        if (account.has(AccountFlag.CREDITS_MUST_NOT_EXCEED_DEBITS) && creditHeadroom < 0) {
            wrong.add("account " + account.id() + " has credits beyond its debits");
        }
        return wrong;
    }
}
