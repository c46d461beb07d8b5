package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.events.points.PointsRedemptionApproved;
import org.mengkeju.events.points.PointsRedemptionRequested;
import org.mengkeju.events.points.PointsRedemptionVoided;
import org.mengkeju.platform.outbox.PendingEvent;

/** The transitions of a transfer and the events each records. */
class TransferTest {

    static final Instant NOW = Instant.parse("2026-11-20T02:15:00Z");
    static final Instant LEASE = NOW.plusSeconds(30);

    @Test
    void anAwardHoldsNothingSoItIsPostedInItsFirstWriteAndAnnouncesThePosting() {
        Transfer award = Transfer.begin(new TransferRequest("achievement-published:evt-1",
                SystemAccount.ISSUED.accountId(), "imut", 50, TransferReason.ACHIEVEMENT_PUBLISHED, "evt-1", "evt-1",
                "ach-1", false, null), "/mengkeju/catalog-service", NOW, null, LEASE, List.of());

        assertThat(award.state()).isEqualTo(TransferState.POSTED);
        assertThat(award.postedAt()).isEqualTo(NOW);
        assertThat(award.unbooked()).containsExactly(SystemAccount.ISSUED.accountId(), "imut");
        assertThat(award.recordedEvents()).extracting(PendingEvent::type).containsExactly(PointsPosted.CONTRACT.type());
        assertThat(award.recordedEvents().getFirst().key()).isEqualTo("imut");
    }

    @Test
    void aPaymentBetweenHoldersHoldsTheDebitAndBooksTheCredit() {
        Transfer payment = Transfer.begin(TransferRequest.of("adjustment-7", "imut", "imu", 30,
                TransferReason.ADJUSTMENT, "r"), "kjt-ops", NOW, null, LEASE, List.of("imut"));

        assertThat(payment.state()).isEqualTo(TransferState.RESERVING);
        assertThat(payment.held()).containsExactly("imut");
        assertThat(payment.unbooked()).containsExactly("imu");
        payment.reserved(NOW, LEASE);
        assertThat(payment.state()).isEqualTo(TransferState.POSTING);
        payment.settled(NOW);
        assertThat(payment.state()).isEqualTo(TransferState.POSTED);
        assertThat(payment.unbooked()).as("booked later, in a batch").containsExactly("imu");
        // both holders' points moved: each is announced, keyed by its account, in the deciding write
        assertThat(payment.recordedEvents()).extracting(PendingEvent::type, PendingEvent::key).containsExactly(
                org.assertj.core.groups.Tuple.tuple(PointsPosted.CONTRACT.type(), "imu"),
                org.assertj.core.groups.Tuple.tuple(PointsDebited.CONTRACT.type(), "imut"));
    }

    @Test
    void anOperatorsCreditToAHolderIsAnnouncedAsPostedWithItsReference() {
        Transfer adjustment = Transfer.begin(TransferRequest.of("adjustment-9", SystemAccount.ISSUED.accountId(),
                "imut", 200, TransferReason.ADJUSTMENT, "内科函〔2026〕17号"), "kjt-ops", NOW, null, LEASE, List.of());

        assertThat(adjustment.state()).isEqualTo(TransferState.POSTED);
        assertThat(adjustment.recordedEvents()).extracting(PendingEvent::type, PendingEvent::key)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PointsPosted.CONTRACT.type(), "imut"));
        assertThat(adjustment.recordedEvents().getFirst().payload()).contains("\"reason\":\"ADJUSTMENT\"",
                "\"reference\":\"内科函〔2026〕17号\"");
    }

    @Test
    void aRefusedPaymentHasNothingToBook() {
        Transfer payment = Transfer.begin(TransferRequest.of("adjustment-8", "imut", "imu", 30,
                TransferReason.ADJUSTMENT, "r"), "kjt-ops", NOW, null, LEASE, List.of("imut"));

        payment.refused(VoidReason.EXCEEDS_CREDITS, NOW, LEASE);

        assertThat(payment.state()).isEqualTo(TransferState.VOIDING);
        assertThat(payment.unbooked()).isEmpty();
    }

    @Test
    void aRedemptionWaitsForADecisionAndAnnouncesEachStep() {
        Transfer redemption = redemption();

        redemption.reserved(NOW, LEASE);
        assertThat(redemption.state()).isEqualTo(TransferState.PENDING);
        assertThat(redemption.post("kjt-ops", null, NOW, LEASE)).isTrue();
        assertThat(redemption.post("kjt-ops", null, NOW, LEASE)).as("a repeated approval").isFalse();

        assertThat(redemption.state()).isEqualTo(TransferState.POSTING);
        // approved, then the points leaving the holder's account, keyed by the account
        assertThat(redemption.recordedEvents()).extracting(PendingEvent::type).containsExactly(
                PointsRedemptionRequested.CONTRACT.type(), PointsRedemptionApproved.CONTRACT.type(),
                PointsDebited.CONTRACT.type());
        assertThat(redemption.recordedEvents().getLast().key()).isEqualTo(redemption.debitAccountId());
        assertThatThrownBy(() -> redemption.voidPending(VoidReason.REFUSED, "kjt-ops", "late", NOW, LEASE))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRefusedRedemptionIsVoidedWithItsReason() {
        Transfer redemption = redemption();
        redemption.reserved(NOW, LEASE);

        assertThat(redemption.voidPending(VoidReason.REFUSED, "kjt-ops", "开户名称不符", NOW, LEASE)).isTrue();
        redemption.settled(NOW);

        assertThat(redemption.state()).isEqualTo(TransferState.VOIDED);
        assertThat(redemption.voidReason()).isEqualTo(VoidReason.REFUSED);
        assertThat(redemption.recordedEvents()).extracting(PendingEvent::type)
                .endsWith(PointsRedemptionVoided.CONTRACT.type());
        assertThatThrownBy(() -> redemption.post("kjt-ops", null, NOW, LEASE)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aRetryIsTheSameMovementOnlyWithEveryFieldThatMovesPointsEqual() {
        TransferRequest asked = TransferRequest.of("adjustment-1", SystemAccount.ISSUED.accountId(), "imut", 500,
                TransferReason.ADJUSTMENT, "内科函〔2026〕17号");
        Transfer transfer = Transfer.begin(asked, "kjt-ops", NOW, null, LEASE, List.of());

        assertThat(transfer.sameMovementAs(asked)).isTrue();
        assertThat(transfer.sameMovementAs(TransferRequest.of("adjustment-1", SystemAccount.ISSUED.accountId(),
                "imut", 501, TransferReason.ADJUSTMENT, "内科函〔2026〕17号"))).isFalse();
        assertThat(transfer.sameMovementAs(TransferRequest.of("adjustment-1", SystemAccount.ISSUED.accountId(),
                "imu", 500, TransferReason.ADJUSTMENT, "内科函〔2026〕17号"))).isFalse();
        assertThat(transfer.sameMovementAs(TransferRequest.of("adjustment-1", SystemAccount.ISSUED.accountId(),
                "imut", 500, TransferReason.ADJUSTMENT, "内科函〔2026〕18号"))).isFalse();
    }

    @Test
    void aTransferMovesAPositiveBoundedAmountBetweenTwoAccounts() {
        assertThatThrownBy(() -> TransferRequest.of("t", "imut", "imu", 0, TransferReason.ADJUSTMENT, "r"))
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> TransferRequest.of("t", "imut", "imu", -5, TransferReason.ADJUSTMENT, "r"))
                .hasMessageContaining("amount");
        assertThatThrownBy(() -> TransferRequest.of("t", "imut", "imu", TransferRequest.MAX_AMOUNT + 1,
                TransferReason.ADJUSTMENT, "r")).hasMessageContaining("amount");
        assertThatThrownBy(() -> TransferRequest.of("t", "imut", "imut", 5, TransferReason.ADJUSTMENT, "r"))
                .hasMessageContaining("creditAccountId");
    }

    static Transfer redemption() {
        return Transfer.begin(new TransferRequest("redemption-1", "imut", SystemAccount.REDEEMED.accountId(), 300,
                TransferReason.REDEMPTION, "req", null, null, true, null), "imut-tto", NOW,
                NOW.plusSeconds(14 * 86400), LEASE, List.of("imut"));
    }
}
