package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.points.ledger.Accounts.Side;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The transfer state machine stopped between any two steps, the way a crash stops it (the engine is given fewer
 * steps than it needs, no sleeping), and finished by recovery; concurrent transfers against one balance; and a
 * randomized run of mixed operations with injected crashes after which the ledger check must hold.
 */
@ServiceIntegrationTest
class LedgerRecoveryTest {

    static final String ISSUED = SystemAccount.ISSUED.accountId();
    static final String REDEEMED = SystemAccount.REDEEMED.accountId();
    /** Between holders: insert, hold on the debit account, decide, settle the debit, end; the credit is booked. */
    static final int STEPS_OF_A_TRANSFER = 5;

    @Autowired
    TransferEngine engine;
    @Autowired
    Accounts accounts;
    @Autowired
    PointsLedger ledger;
    @Autowired
    LedgerRecovery recovery;
    @Autowired
    AccountBooking booking;
    @Autowired
    LedgerCheck check;
    @Autowired
    LedgerProperties properties;
    @Autowired
    Clock clock;

    @ParameterizedTest(name = "stopped after {0} of 5 steps")
    @ValueSource(ints = {1, 2, 3, 4})
    void aTransferStoppedAfterAnyStepIsNeverSeenHalfDoneAndRecoveryPostsIt(int steps) {
        String payer = funded(100);
        String payee = institution();
        var request = TransferRequest.of(id("pay"), payer, payee, 50, TransferReason.ADJUSTMENT, "内科函〔2026〕17号");

        Transfer stopped = engine.execute(request, "kjt-ops", null, steps).transfer();

        assertThat(stopped.state().isFinal()).isFalse();
        // Before the decision (the 3rd write) the payment is at most pending; from it on, posted on both sides at once.
        boolean decided = steps >= 3;
        Balance payeeSeen = ledger.balanceOf(payee);
        assertThat(payeeSeen.posted()).isEqualTo(decided ? 50 : 0);
        assertThat(payeeSeen.creditsPending()).as("the credit, listed on the transfer from its first write")
                .isEqualTo(decided ? 0 : 50);
        Balance payerSeen = ledger.balanceOf(payer);
        assertThat(payerSeen.posted()).as("the other side, seen the same way").isEqualTo(decided ? 50 : 100);
        assertThat(payerSeen.available()).isEqualTo(steps >= 2 ? 50 : 100);

        recovery.sweep(afterLease());

        Transfer recovered = engine.find(request.id()).orElseThrow();
        assertThat(recovered.state()).isEqualTo(TransferState.POSTED);
        Account stored = accounts.find(payee).orElseThrow();
        assertThat(stored.creditsPosted()).as("booked by the sweep").isEqualTo(50);
        assertThat(stored.creditsPending()).isZero();
        assertThat(stored.inflight()).isEmpty();
        assertThat(stored.postedTransfers()).isEqualTo(1);
        Account payerStored = accounts.find(payer).orElseThrow();
        assertThat(payerStored.debitsPosted()).isEqualTo(50);
        assertThat(payerStored.debitsPending()).isZero();
        assertThat(payerStored.inflight()).isEmpty();
    }

    @Test
    void anAwardHoldsNothingSoItsOneWriteIsItsDecisionSeenOnBothSidesAtOnce() {
        String holder = institution();
        long issuedBefore = ledger.balanceOf(ISSUED).debitsPosted();
        var request = TransferRequest.of(id("award"), ISSUED, holder, 50, TransferReason.ADJUSTMENT, "r");

        Transfer award = engine.execute(request, "kjt-ops", null, 1).transfer();

        assertThat(award.state()).isEqualTo(TransferState.POSTED);
        assertThat(ledger.balanceOf(holder).posted()).isEqualTo(50);
        assertThat(ledger.balanceOf(ISSUED).debitsPosted() - issuedBefore).isGreaterThanOrEqualTo(50);
        booking.book(holder, TransferEngine.ALL);
        assertThat(accounts.find(holder).orElseThrow().creditsPosted()).isEqualTo(50);
        assertThat(engine.find(request.id()).orElseThrow().unbooked()).doesNotContain(holder);
        assertThat(ledger.balanceOf(holder).posted()).as("booked, still counted once").isEqualTo(50);
    }

    @Test
    void aBookingStoppedAfterItsFirstWriteCountsEachTransferOnceAndIsFinishedByTheNext() {
        // The rounds that book in the background are held off, so that this booking is the one that stops.
        booking.stop();
        recovery.stop();
        try {
            String holder = institution();
            List<String> awards = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                awards.add(engine.execute(TransferRequest.of(id("award"), ISSUED, holder, 40,
                        TransferReason.ADJUSTMENT, "r"), "kjt-ops", null, TransferEngine.ALL).transfer().id());
            }

            assertThat(booking.book(holder, 1)).isEqualTo(3);

            Account stored = accounts.find(holder).orElseThrow();
            assertThat(stored.creditsPosted()).as("in the totals").isEqualTo(120);
            assertThat(awards).allSatisfy(id -> assertThat(engine.find(id).orElseThrow().unbooked())
                    .as("not yet marked booked").contains(holder));
            assertThat(ledger.balanceOf(holder).posted()).as("once, not twice").isEqualTo(120);
            assertThat(ledger.balanceOf(holder).transfers()).isEqualTo(3);

            String fourth = engine.execute(TransferRequest.of(id("award"), ISSUED, holder, 5, TransferReason.ADJUSTMENT,
                    "r"), "kjt-ops", null, TransferEngine.ALL).transfer().id();
            assertThat(booking.book(holder, TransferEngine.ALL)).isEqualTo(1);

            assertThat(awards).allSatisfy(id -> assertThat(engine.find(id).orElseThrow().unbooked())
                    .doesNotContain(holder));
            assertThat(engine.find(fourth).orElseThrow().unbooked()).doesNotContain(holder);
            assertThat(accounts.find(holder).orElseThrow().creditsPosted()).isEqualTo(125);
            assertThat(ledger.balanceOf(holder).posted()).isEqualTo(125);
            assertThat(check.run().violations()).isEmpty();
        } finally {
            booking.start();
            recovery.start();
        }
    }

    @ParameterizedTest(name = "stopped after {0} writes")
    @ValueSource(ints = {1, 2})
    void aHoldersBookingStoppedBeforeItClearsTheListsCountsEachAwardOnceOnBothSidesAndIsFinishedByTheNext(int steps) {
        booking.stop();
        recovery.stop();
        try {
            // Whatever earlier tests left on the issued account is booked first, so its last booking is marked here.
            booking.book(ISSUED, TransferEngine.ALL);
            String holder = institution();
            long issuedBefore = ledger.balanceOf(ISSUED).debitsPosted();
            long issuedStoredBefore = accounts.find(ISSUED).orElseThrow().debitsPosted();
            List<String> awards = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                awards.add(engine.execute(TransferRequest.of(id("award"), ISSUED, holder, 30,
                        TransferReason.ADJUSTMENT, "r"), "kjt-ops", null, TransferEngine.ALL).transfer().id());
            }

            // 1: the holder's totals; 2: the issued account's, booked alongside; the lists are not cleared yet
            booking.book(holder, steps);

            assertThat(accounts.find(holder).orElseThrow().creditsPosted()).isEqualTo(90);
            assertThat(accounts.find(ISSUED).orElseThrow().debitsPosted() - issuedStoredBefore)
                    .as("the issued account's totals take the awards in the second write")
                    .isEqualTo(steps == 2 ? 90 : 0);
            assertThat(awards).allSatisfy(id -> assertThat(engine.find(id).orElseThrow().unbooked())
                    .as("still listed on both").containsExactlyInAnyOrder(ISSUED, holder));
            assertThat(ledger.balanceOf(holder).posted()).as("once, not twice").isEqualTo(90);
            assertThat(ledger.balanceOf(ISSUED).debitsPosted() - issuedBefore).as("once, not twice").isEqualTo(90);

            booking.book(holder, TransferEngine.ALL);
            booking.book(ISSUED, TransferEngine.ALL);

            assertThat(awards).allSatisfy(id -> assertThat(engine.find(id).orElseThrow().unbooked()).isEmpty());
            assertThat(accounts.find(ISSUED).orElseThrow().debitsPosted() - issuedStoredBefore).isEqualTo(90);
            assertThat(ledger.balanceOf(holder).posted()).isEqualTo(90);
            assertThat(ledger.balanceOf(ISSUED).debitsPosted() - issuedBefore).isEqualTo(90);
            assertThat(check.run().violations()).isEmpty();
        } finally {
            booking.start();
            recovery.start();
        }
    }

    @Test
    void aPaymentRefusedOnlyBecauseCreditsAreNotBookedYetBooksThemAndPosts() {
        booking.stop();
        recovery.stop();
        try {
            String payer = institution();
            String payee = institution();
            engine.execute(TransferRequest.of(id("award"), ISSUED, payer, 70, TransferReason.ADJUSTMENT, "r"),
                    "kjt-ops", null, TransferEngine.ALL);
            assertThat(accounts.find(payer).orElseThrow().creditsPosted()).as("not booked yet").isZero();

            Transfer paid = engine.execute(TransferRequest.of(id("pay"), payer, payee, 70, TransferReason.ADJUSTMENT,
                    "r"), "kjt-ops", null, TransferEngine.ALL).transfer();

            assertThat(paid.state()).isEqualTo(TransferState.POSTED);
            assertThat(ledger.balanceOf(payer).posted()).isZero();
            assertThat(ledger.balanceOf(payee).posted()).isEqualTo(70);
        } finally {
            booking.start();
            recovery.start();
        }
    }

    @ParameterizedTest(name = "stopped after {0} steps")
    @ValueSource(ints = {1, 2, 3, 4})
    void aTransferTheAccountCannotCoverIsVoidedByRecoveryWhereverItStopped(int steps) {
        String holder = institution();
        String other = institution();
        var request = TransferRequest.of(id("pay"), holder, other, 10, TransferReason.ADJUSTMENT, "r");

        engine.execute(request, "kjt-ops", null, steps);
        recovery.sweep(afterLease());

        Transfer voided = engine.find(request.id()).orElseThrow();
        assertThat(voided.state()).isEqualTo(TransferState.VOIDED);
        assertThat(voided.voidReason()).isEqualTo(VoidReason.EXCEEDS_CREDITS);
        assertThat(accounts.find(holder).orElseThrow().debitsPending()).isZero();
        assertThat(accounts.find(other).orElseThrow().creditsPending()).isZero();
        assertThat(accounts.find(other).orElseThrow().inflight()).isEmpty();
    }

    @Test
    void aDecisionStoppedBeforeTheAccountsMovedIsCompletedAndTheHoldExpiresWhenNobodyDecides() {
        String holder = funded(300);
        var approved = hold(holder, 100);
        var expiring = hold(holder, 150);
        assertThat(ledger.balanceOf(holder).available()).isEqualTo(50);

        // Approval recorded (one write), then the process dies before either account moved the points.
        Transfer decided = engine.decide(approved, TransferEngine.Decision.post("kjt-ops", null), 1);
        assertThat(decided.state()).isEqualTo(TransferState.POSTING);
        assertThat(ledger.balanceOf(holder).posted()).as("posted from the decision on").isEqualTo(200);
        assertThat(ledger.balanceOf(REDEEMED).creditsPosted()).isGreaterThanOrEqualTo(100);

        recovery.sweep(afterLease());
        assertThat(engine.find(approved.id()).orElseThrow().state()).isEqualTo(TransferState.POSTED);
        assertThat(engine.find(expiring.id()).orElseThrow().state()).isEqualTo(TransferState.PENDING);

        recovery.sweep(expiring.timeoutAt().plusSeconds(1));
        Transfer expired = engine.find(expiring.id()).orElseThrow();
        assertThat(expired.state()).isEqualTo(TransferState.VOIDED);
        assertThat(expired.voidReason()).isEqualTo(VoidReason.EXPIRED);
        Balance after = ledger.balanceOf(holder);
        assertThat(after.posted()).isEqualTo(200);
        assertThat(after.available()).isEqualTo(200);
    }

    @Test
    void aHoldLeftByAProcessThatOutlivedItsLeaseIsIgnoredByReadersAndReleased() {
        String holder = funded(80);
        Transfer posted = engine.find(lastAdjustmentOf(holder)).orElseThrow();
        // A process that read the transfer while it was still reserving wakes up after it posted and holds it again.
        assertThat(accounts.reserve(holder, Side.CREDIT, posted.id(), 80))
                .isEqualTo(Accounts.Reservation.HELD);

        assertThat(ledger.balanceOf(holder).posted()).isEqualTo(80);
        assertThat(ledger.balanceOf(holder).creditsPending()).isZero();

        var sweep = recovery.sweep(afterLease().plus(properties.lease()));
        assertThat(sweep.released()).isGreaterThanOrEqualTo(1);
        Account stored = accounts.find(holder).orElseThrow();
        assertThat(stored.inflight()).isEmpty();
        assertThat(stored.creditsPending()).isZero();
        assertThat(stored.creditsPosted()).isEqualTo(80);
    }

    @Test
    void parallelPaymentsAgainstOneBalanceNeverOverdrawIt() throws Exception {
        String holder = funded(1000);
        String payee = institution();
        List<Transfer> results = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                all.add(pool.submit(() -> results.add(engine.execute(TransferRequest.of(id("pay"), holder, payee, 100,
                        TransferReason.ADJUSTMENT, "r"), "kjt-ops", null, TransferEngine.ALL).transfer())));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }

        assertThat(results).filteredOn(t -> t.state() == TransferState.POSTED).hasSize(10);
        assertThat(results).filteredOn(t -> t.state() == TransferState.VOIDED).hasSize(30);
        assertThat(ledger.balanceOf(holder).posted()).isZero();
        assertThat(ledger.balanceOf(payee).posted()).isEqualTo(1000);
    }

    @Test
    void parallelAwardsToOneAccountNeverLoseAnIncrement() throws Exception {
        String holder = institution();
        long issuedBefore = ledger.balanceOf(ISSUED).debitsPosted();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                all.add(pool.submit(() -> engine.execute(TransferRequest.of(id("award"), ISSUED, holder, 10,
                        TransferReason.ADJUSTMENT, "r"), "kjt-ops", null, TransferEngine.ALL)));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }

        assertThat(ledger.balanceOf(holder).posted()).isEqualTo(600);
        assertThat(ledger.balanceOf(holder).transfers()).isEqualTo(60);
        assertThat(ledger.balanceOf(ISSUED).debitsPosted() - issuedBefore).isGreaterThanOrEqualTo(600);
    }

    @Test
    void aRandomizedRunOfMixedOperationsWithInjectedCrashesLeavesTheLedgerSound() throws Exception {
        Random random = new Random(20261130L);
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            holders.add(institution());
        }
        List<Transfer> pending = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger crashed = new AtomicInteger();
        int operations = 2000;
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < operations; i++) {
                long seed = random.nextLong();
                all.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    // One operation in five stops at a random step, as a crash would.
                    int steps = r.nextInt(5) == 0 ? 1 + r.nextInt(STEPS_OF_A_TRANSFER - 1) : TransferEngine.ALL;
                    if (steps != TransferEngine.ALL) {
                        crashed.incrementAndGet();
                    }
                    String a = holders.get(r.nextInt(holders.size()));
                    String b = holders.get(r.nextInt(holders.size()));
                    long amount = 1 + r.nextInt(100);
                    switch (r.nextInt(5)) {
                        case 0, 1 -> {
                            engine.execute(TransferRequest.of(id("award"), ISSUED, a, amount,
                                    TransferReason.ADJUSTMENT, "r"), "test", null, steps);
                        }
                        case 2 -> {
                            if (!a.equals(b)) {
                                engine.execute(TransferRequest.of(id("pay"), a, b, amount, TransferReason.ADJUSTMENT,
                                        "r"), "test", null, steps);
                            }
                        }
                        case 3 -> {
                            Transfer held = engine.execute(new TransferRequest(id("redemption"), a, REDEEMED, amount,
                                    TransferReason.REDEMPTION, "r", null, null, true, null), "test",
                                    Duration.ofDays(1), steps).transfer();
                            if (held.state() == TransferState.PENDING) {
                                pending.add(held);
                            }
                        }
                        default -> {
                            Transfer decide = null;
                            synchronized (pending) {
                                if (!pending.isEmpty()) {
                                    decide = pending.remove(r.nextInt(pending.size()));
                                }
                            }
                            if (decide != null) {
                                engine.decide(engine.find(decide.id()).orElseThrow(), r.nextBoolean()
                                        ? TransferEngine.Decision.post("kjt-ops", null)
                                        : TransferEngine.Decision.refuse("kjt-ops", null), steps);
                            }
                        }
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }

        recovery.sweep(afterLease());
        recovery.sweep(afterLease());

        assertThat(crashed.get()).isGreaterThan(300);
        var report = check.run();
        assertThat(report.violations()).isEmpty();
        assertThat(report.stuckTransfers()).isEmpty();
        assertThat(report.sumOfBalances()).isZero();
        long posted = 0;
        for (String holder : holders) {
            Balance balance = ledger.balanceOf(holder);
            assertThat(balance.available()).as(holder).isNotNegative();
            assertThat(accounts.find(holder).orElseThrow().inflight()).as(holder + " holds only pending redemptions")
                    .allSatisfy(t -> assertThat(engine.find(t).orElseThrow().state()).isEqualTo(TransferState.PENDING));
            posted += balance.posted();
        }
        // What was issued to the holders is on their accounts, or redeemed; nothing was created or lost.
        long issued = issuedPostedTo(holders);
        long redeemedFromHolders = redeemedPostedFrom(holders);
        assertThat(posted).isEqualTo(issued - redeemedFromHolders);
    }

    private long issuedPostedTo(List<String> holders) {
        long sum = 0;
        for (String holder : holders) {
            sum += postedBetween(ISSUED, holder);
        }
        return sum;
    }

    private long redeemedPostedFrom(List<String> holders) {
        long sum = 0;
        for (String holder : holders) {
            sum += postedBetween(holder, REDEEMED);
        }
        return sum;
    }

    private long postedBetween(String debit, String credit) {
        long sum = 0;
        String cursor = null;
        var operator = new org.mengkeju.platform.identity.CallerIdentity("kjt-ops",
                org.mengkeju.platform.identity.Role.OPERATOR, null, null);
        do {
            var page = ledger.statementOf(operator, credit, cursor, PointsLedger.MAX_PAGE);
            for (Transfer t : page.transfers()) {
                if (t.debitAccountId().equals(debit) && t.creditAccountId().equals(credit)) {
                    sum += t.amount();
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return sum;
    }

    private Transfer hold(String holder, long points) {
        Transfer held = ledger.hold(new TransferRequest(id("redemption"), holder, REDEEMED, points,
                TransferReason.REDEMPTION, "r", null, null, true, null), "imut-tto", Duration.ofSeconds(60))
                .transfer();
        assertThat(held.state()).isEqualTo(TransferState.PENDING);
        return held;
    }

    private String funded(long points) {
        String holder = institution();
        String id = id("fund");
        lastAdjustment.put(holder, id);
        assertThat(engine.execute(TransferRequest.of(id, ISSUED, holder, points, TransferReason.ADJUSTMENT, "r"),
                "kjt-ops", null, TransferEngine.ALL).transfer().state()).isEqualTo(TransferState.POSTED);
        return holder;
    }

    private final ConcurrentHashMap<String, String> lastAdjustment = new ConcurrentHashMap<>();

    private String lastAdjustmentOf(String holder) {
        return lastAdjustment.get(holder);
    }

    private String institution() {
        String id = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.openIfAbsent(id, AccountKind.INSTITUTION, clock.instant());
        return id;
    }

    private Instant afterLease() {
        return clock.instant().plus(properties.lease()).plusSeconds(1);
    }

    private static String id(String what) {
        return what + "-" + UUID.randomUUID();
    }
}
