package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.points.award.AnnualCaps;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What a transfer costs the store, counted as write commands sent (the durable store commits after each): an award is
 * one write of the transfer and one of the annual cap; a payment between holders five. Booking the unheld sides comes
 * later, one booking for many transfers of an account.
 */
@ServiceIntegrationTest
class LedgerWritesTest {

    static final String ISSUED = SystemAccount.ISSUED.accountId();

    @Autowired
    TransferEngine engine;
    @Autowired
    Accounts accounts;
    @Autowired
    PointsLedger ledger;
    @Autowired
    AnnualCaps caps;
    @Autowired
    AccountBooking booking;
    @Autowired
    LedgerRecovery recovery;
    @Autowired
    Clock clock;

    @Test
    void anAwardUnderTheAnnualCapIsTwoWritesTheCapsGrantAndTheTransfer() {
        String holder = institution();
        caps.grant(holder, 2026, "earlier-award", 50, 5000); // the year's document exists, as after its first award
        ReceivedEvent published = event("ach-7f3c2a9e41d84b0c");

        Map<String, Integer> writes = StoreWrites.during(() -> {
            long granted = caps.grant(holder, 2026, published.id(), 50, 5000);
            ledger.award(published, holder, granted, TransferReason.ACHIEVEMENT_PUBLISHED);
        });

        assertThat(writes).containsExactlyInAnyOrderEntriesOf(Map.of("point_award_caps", 1, "point_transfers", 1));
        Transfer award = engine.find("achievement-published:" + published.id()).orElseThrow();
        assertThat(award.state()).isEqualTo(TransferState.POSTED);
        assertThat(ledger.balanceOf(holder).posted()).isEqualTo(50);
    }

    @Test
    void anAwardToAHolderAlreadyAwardedIsTwoRoundTripsAndNoRead() {
        String holder = institution();
        ledger.award(event("ach-1b9e40c7d2a35f68"), holder, 50, TransferReason.ACHIEVEMENT_PUBLISHED);
        caps.grant(holder, 2026, "earlier-award", 50, 5000);
        ReceivedEvent published = event("ach-5d0c7e2b19f84a36");

        int trips = StoreWrites.roundTrips(() -> {
            long granted = caps.grant(holder, 2026, published.id(), 50, 5000);
            ledger.award(published, holder, granted, TransferReason.ACHIEVEMENT_PUBLISHED);
        });

        assertThat(trips).as("the cap's grant and the transfer, nothing read first").isEqualTo(2);
        assertThat(ledger.balanceOf(holder).posted()).isEqualTo(100);
    }

    @Test
    void theYearsFirstAwardOpensTheCapDocumentWithTheGrantInOneWrite() {
        String holder = institution();

        Map<String, Integer> writes = StoreWrites.during(() -> caps.grant(holder, 2026, "first", 50, 5000));

        assertThat(writes).containsExactlyEntriesOf(Map.of("point_award_caps", 1));
        assertThat(caps.grant(holder, 2026, "first", 50, 5000)).as("asked again").isEqualTo(50);
        assertThat(caps.grant(holder, 2026, "second", 5000, 5000)).as("what the cap leaves").isEqualTo(4950);
    }

    @Test
    void aPaymentBetweenHoldersIsFiveWritesAndItsCreditIsBookedWithOthersLater() {
        String payer = institution();
        String payee = institution();
        engine.execute(TransferRequest.of(id("fund"), ISSUED, payer, 100, TransferReason.ADJUSTMENT, "r"), "kjt-ops",
                null, TransferEngine.ALL);
        // Booked, as the round does within a second: a payment from credits not booked yet books them first.
        booking.book(payer, TransferEngine.ALL);

        int writes = StoreWrites.total(() -> {
            for (int i = 0; i < 3; i++) {
                Transfer t = engine.execute(TransferRequest.of(id("pay"), payer, payee, 10, TransferReason.ADJUSTMENT,
                        "r"), "kjt-ops", null, TransferEngine.ALL).transfer();
                assertThat(t.state()).isEqualTo(TransferState.POSTED);
            }
        });
        // the transfer, the hold on the payer, the decision, the payer's settlement, the end; nothing on the payee
        assertThat(writes).isEqualTo(3 * 5);

        int bookingWrites = StoreWrites.total(() -> booking.book(payee, TransferEngine.ALL));
        assertThat(bookingWrites).as("one booking for the three credits: the totals, then the transfers marked")
                .isLessThanOrEqualTo(2);
        assertThat(ledger.balanceOf(payee).posted()).isEqualTo(30);
        assertThat(accounts.find(payee).orElseThrow().creditsPosted()).isEqualTo(30);
    }

    @Test
    void aHoldersBookingBooksItsAwardsOnTheIssuedAccountTooAndClearsTheirListsInOneWrite() {
        // The background rounds and recovery's sweep are held off: this booking is the one counted.
        booking.stop();
        recovery.stop();
        try {
            booking.book(ISSUED, TransferEngine.ALL); // what earlier tests left, so that nothing else is due on it
            String holder = institution();
            long issuedStoredBefore = accounts.find(ISSUED).orElseThrow().debitsPosted();
            List<String> awards = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                awards.add(engine.execute(TransferRequest.of(id("award"), ISSUED, holder, 25,
                        TransferReason.ADJUSTMENT, "r"), "kjt-ops", null, TransferEngine.ALL).transfer().id());
            }

            Map<String, Integer> writes = StoreWrites.during(() -> booking.book(holder, TransferEngine.ALL));

            assertThat(writes).as("the holder's totals, the issued account's totals, one write for the transfers")
                    .containsExactlyInAnyOrderEntriesOf(Map.of("point_accounts", 2, "point_transfers", 1));
            assertThat(awards).allSatisfy(id -> assertThat(engine.find(id).orElseThrow().unbooked()).isEmpty());
            assertThat(accounts.find(holder).orElseThrow().creditsPosted()).isEqualTo(100);
            assertThat(accounts.find(ISSUED).orElseThrow().debitsPosted() - issuedStoredBefore).isEqualTo(100);
            assertThat(ledger.balanceOf(holder).posted()).isEqualTo(100);
        } finally {
            booking.start();
            recovery.start();
        }
    }

    private ReceivedEvent event(String achievementId) {
        return new ReceivedEvent(UUID.randomUUID().toString(), AchievementPublished.CONTRACT.type(),
                "/mengkeju/catalog-service", achievementId, Instant.parse("2026-06-10T03:00:00Z"), null,
                AchievementPublished.CONTRACT.topic(), achievementId, "{}", null);
    }

    private String institution() {
        String id = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.openIfAbsent(id, AccountKind.INSTITUTION, clock.instant());
        return id;
    }

    private static String id(String what) {
        return what + "-" + UUID.randomUUID();
    }
}
