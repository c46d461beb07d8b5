package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A balance counts each transfer whole, by the decision taken, however far the accounts have moved it. */
class BalanceTest {

    static final Instant MAY_18 = Instant.parse("2026-05-18T02:30:00Z");

    @Test
    void aTransferDecidedButNotYetMovedOnTheAccountCountsAsPosted() {
        // imut holds 150 posted and the 50 of an award that was decided (POSTING) but not yet settled here.
        Account imut = account("imut", 0, 150, 0, 50, List.of("award-1"));
        Transfer award = transfer("award-1", TransferState.POSTING, 50);

        Balance balance = Balance.of(imut, Map.of("award-1", award));

        assertThat(balance.posted()).isEqualTo(200);
        assertThat(balance.creditsPending()).isZero();
        assertThat(balance.transfers()).isEqualTo(4);
        assertThat(balance.lastPostedAt()).isEqualTo(MAY_18.plusSeconds(60));
    }

    @Test
    void anUndecidedTransferIsPendingAndNotPosted() {
        Account imut = account("imut", 0, 150, 0, 50, List.of("award-1"));

        Balance balance = Balance.of(imut, Map.of("award-1", transfer("award-1", TransferState.RESERVING, 50)));

        assertThat(balance.posted()).isEqualTo(150);
        assertThat(balance.creditsPending()).isEqualTo(50);
        assertThat(balance.transfers()).isEqualTo(3);
    }

    @Test
    void aVoidingTransferNoLongerHoldsAnything() {
        Account imut = account("imut", 0, 150, 0, 50, List.of("award-1"));

        Balance balance = Balance.of(imut, Map.of("award-1", transfer("award-1", TransferState.VOIDING, 50)));

        assertThat(balance.posted()).isEqualTo(150);
        assertThat(balance.creditsPending()).isZero();
    }

    @Test
    void aStaleHoldOfAFinishedTransferIsNotCountedTwice() {
        // The transfer posted long ago (its 50 is in creditsPosted); a late process held it again as pending.
        Account imut = account("imut", 0, 150, 0, 50, List.of("award-1"));

        Balance balance = Balance.of(imut, Map.of("award-1", transfer("award-1", TransferState.POSTED, 50)));

        assertThat(balance.posted()).isEqualTo(150);
        assertThat(balance.creditsPending()).isZero();
        assertThat(balance.transfers()).isEqualTo(3);
    }

    @Test
    void availableIsWhatIsPostedLessWhatPendingDebitsHold() {
        Account imut = account("imut", 0, 150, 100, 0, List.of("redemption-1"));

        Balance balance = Balance.of(imut, Map.of("redemption-1", redemption("redemption-1", 100)));

        assertThat(balance.posted()).isEqualTo(150);
        assertThat(balance.available()).isEqualTo(50);
    }

    @Test
    void aSideNotYetBookedCountsFromTheTransferByItsState() {
        Account imut = account("imut", 0, 150, 0, 0, List.of());
        Transfer posted = transfer("award-2", TransferState.POSTED, 50, List.of(SystemAccount.ISSUED.accountId(),
                "imut"));
        Transfer undecided = transfer("award-3", TransferState.RESERVING, 20, List.of("imut"));
        Transfer voided = transfer("award-4", TransferState.VOIDED, 30, null);

        Balance balance = Balance.of(imut, Map.of(), List.of(posted, undecided, voided));

        assertThat(balance.posted()).isEqualTo(200);
        assertThat(balance.creditsPending()).isEqualTo(20);
        assertThat(balance.transfers()).isEqualTo(4);
    }

    @Test
    void aTransferTheLatestBookingAddedIsNotCountedAgainWhileStillListedAsUnbooked() {
        // The booking's first write put award-2 in the totals (200); its second, marking award-2 booked, is to come.
        Account imut = new Account("imut", AccountKind.INSTITUTION, Account.POINTS_LEDGER, 100,
                EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), 0, 200, 0, 0, 200, -200, 4, MAY_18, List.of(),
                MAY_18, 7, List.of("award-2"));
        Transfer booked = transfer("award-2", TransferState.POSTED, 50, List.of("imut"));

        Balance balance = Balance.of(imut, Map.of(), List.of(booked));

        assertThat(balance.posted()).isEqualTo(200);
        assertThat(balance.transfers()).isEqualTo(4);
    }

    static Account account(String id, long debitsPosted, long creditsPosted, long debitsPending, long creditsPending,
            List<String> inflight) {
        return new Account(id, AccountKind.INSTITUTION, Account.POINTS_LEDGER, 100,
                EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), debitsPosted, creditsPosted, debitsPending,
                creditsPending, creditsPosted - debitsPosted - debitsPending,
                debitsPosted - creditsPosted - creditsPending, 3, MAY_18, inflight, MAY_18, 0, List.of());
    }

    static Transfer transfer(String id, TransferState state, long amount) {
        return transfer(id, state, amount, null);
    }

    static Transfer transfer(String id, TransferState state, long amount, List<String> unbooked) {
        return new Transfer(id, SystemAccount.ISSUED.accountId(), "imut", List.of(SystemAccount.ISSUED.accountId(),
                "imut"), 1, amount, TransferReason.ACHIEVEMENT_PUBLISHED, "evt-1", "evt-1", "ach-1", false,
                "/mengkeju/catalog-service", MAY_18, null, state, null, null, null,
                state.countsAsPosted() ? MAY_18.plusSeconds(60) : null, null, null, 0L, null, unbooked, null);
    }

    static Transfer redemption(String id, long amount) {
        return new Transfer(id, "imut", SystemAccount.REDEEMED.accountId(), List.of("imut",
                SystemAccount.REDEEMED.accountId()), 1, amount, TransferReason.REDEMPTION, "req", null, null, true,
                "imut-tto", MAY_18, MAY_18.plusSeconds(14 * 86400), TransferState.PENDING, null, null, null, null,
                null, null, 0L, List.of("imut"), null, null);
    }
}
