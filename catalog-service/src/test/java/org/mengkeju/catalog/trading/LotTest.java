package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.achievement.TransferMode;
import org.mengkeju.events.catalog.DealAnnulled;
import org.mengkeju.events.catalog.DealConcluded;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.events.catalog.DepositReleased;
import org.mengkeju.platform.outbox.PendingEvent;

/** The rules of a lot, without infrastructure: listing terms, qualification, bids, the close, publication. */
class LotTest {

    static final Instant LISTED = Instant.parse("2026-12-01T02:00:00Z");
    static final Instant REGISTRATION_ENDS = Instant.parse("2026-12-10T09:00:00Z");
    static final Instant AUCTION_ENDS = Instant.parse("2026-12-12T07:00:00Z");
    static final Duration PUBLICATION = Duration.ofDays(5);
    static final Duration WINDOW = Duration.ofMinutes(5);

    /** Anji's 2020 session: a starting price of 895,000 yuan, increments of 50,000, a deposit of 100,000. */
    static LotTerms anjiTerms(Long reserveFen) {
        return new LotTerms(TransferMode.ASSIGNMENT, 89_500_000L, 5_000_000L, reserveFen, 10_000_000L,
                REGISTRATION_ENDS, AUCTION_ENDS, WINDOW.toSeconds(), List.of(), List.of());
    }

    static Lot listed(LotTerms terms) {
        return Lot.list(new LotId("lot-0193a9d41c00-3e5f7a21"), new Lot.Offered("ach-7f3c2a9e41d84b0c",
                "玉米皮菌体蛋白生物发酵饲料", IndustryChain.MODERN_AGRICULTURE, "imut", "150100"), terms, null,
                "imut-tto", "k-1", "fp", LISTED);
    }

    /** A lot at auction between the qualified buyers named. */
    static Lot atAuction(Long reserveFen, String... buyers) {
        Lot lot = listed(anjiTerms(reserveFen));
        for (String buyer : buyers) {
            lot.register(buyer, buyer + "-tto", LISTED.plusSeconds(60));
            lot.recordDeposit(buyer, 10_000_000L, "ESC-" + buyer, "ops-desk", LISTED.plusSeconds(120));
        }
        assertThat(lot.advance(REGISTRATION_ENDS, PUBLICATION)).isTrue();
        return lot;
    }

    static Bid bid(Lot lot, String buyer, long fen, Instant at) {
        Bid bid = lot.bidOf(buyer, buyer + "-tto", fen, at, buyer + "-tto/" + fen);
        lot.accept(bid);
        return bid;
    }

    static List<String> types(Lot lot) {
        return lot.pendingEvents().stream().map(PendingEvent::type).toList();
    }

    @Test
    void termsNameTheFieldTheyBreak() {
        assertThatThrownBy(() -> listed(new LotTerms(TransferMode.LICENCE, 100_000_00L, 10_000_00L, 50_000_00L,
                10_000_00L, REGISTRATION_ENDS, AUCTION_ENDS, WINDOW.toSeconds(), null, null)))
                .isInstanceOf(InvalidTerms.class).extracting(e -> ((InvalidTerms) e).field()).isEqualTo("reserveYuan");
        assertThatThrownBy(() -> listed(new LotTerms(TransferMode.LICENCE, 100_000_00L, 10_000_00L, null,
                10_000_00L, LISTED, AUCTION_ENDS, WINDOW.toSeconds(), null, null)))
                .extracting(e -> ((InvalidTerms) e).field()).isEqualTo("registrationEndsAt");
        assertThatThrownBy(() -> listed(new LotTerms(TransferMode.LICENCE, 100_000_00L, 10_000_00L, null,
                10_000_00L, REGISTRATION_ENDS, REGISTRATION_ENDS, WINDOW.toSeconds(), null, null)))
                .extracting(e -> ((InvalidTerms) e).field()).isEqualTo("auctionEndsAt");
        assertThatThrownBy(() -> listed(new LotTerms(TransferMode.LICENCE, 100_000_00L, 10_000_00L, null,
                10_000_00L, REGISTRATION_ENDS, AUCTION_ENDS, Duration.ofHours(2).toSeconds(), null, null)))
                .extracting(e -> ((InvalidTerms) e).field()).isEqualTo("antiSnipingSeconds");
        assertThatThrownBy(() -> Yuan.toFen(new java.math.BigDecimal("1.005"), "amountYuan"))
                .hasMessageContaining("amountYuan");
    }

    @Test
    void buyersGetPseudonymsInOrderAndRegisteringAgainChangesNothing() {
        Lot lot = listed(anjiTerms(null));
        Participant first = lot.register("chifeng-muge-feed", "muge-tto", LISTED);
        Participant second = lot.register("baotou-steel-union", "btsu-tto", LISTED);
        Participant again = lot.register("chifeng-muge-feed", "muge-other", LISTED.plusSeconds(5));

        assertThat(first.pseudonym()).isEqualTo("bidder-001");
        assertThat(second.pseudonym()).isEqualTo("bidder-002");
        assertThat(again).isEqualTo(first);
        assertThat(lot.participants()).hasSize(2);
    }

    @Test
    void registrationAndDepositsCloseWithTheListingPeriod() {
        Lot lot = listed(anjiTerms(null));
        lot.register("chifeng-muge-feed", "muge-tto", LISTED);

        assertThatThrownBy(() -> lot.register("baotou-steel-union", "btsu-tto", REGISTRATION_ENDS))
                .isInstanceOf(StepRefused.class).hasMessageContaining("registrations");
        assertThatThrownBy(() -> lot.recordDeposit("chifeng-muge-feed", 10_000_000L, "ESC-1", "ops",
                REGISTRATION_ENDS)).isInstanceOf(StepRefused.class);
        assertThatThrownBy(() -> lot.recordDeposit("chifeng-muge-feed", 9_000_000L, "ESC-1", "ops", LISTED))
                .isInstanceOf(InvalidTerms.class).hasMessageContaining("amountYuan");
        assertThatThrownBy(() -> lot.recordDeposit("ordos-coal", 10_000_000L, "ESC-2", "ops", LISTED))
                .isInstanceOf(StepRefused.class).hasMessageContaining("not registered");
        assertThat(lot.recordDeposit("chifeng-muge-feed", 10_000_000L, "ESC-1", "ops", LISTED)).isTrue();
        assertThat(lot.recordDeposit("chifeng-muge-feed", 10_000_000L, "ESC-1", "ops", LISTED)).isFalse();
    }

    @Test
    void noQualifiedBuyerLeavesTheLotUnsold() {
        Lot lot = listed(anjiTerms(null));
        lot.register("chifeng-muge-feed", "muge-tto", LISTED);

        assertThat(lot.advance(REGISTRATION_ENDS.minusMillis(1), PUBLICATION)).isFalse();
        assertThat(lot.advance(REGISTRATION_ENDS, PUBLICATION)).isTrue();

        assertThat(lot.status()).isEqualTo(LotStatus.UNSOLD);
        assertThat(lot.unsoldReason()).isEqualTo(UnsoldReason.NO_QUALIFIED_BUYER);
        assertThat(types(lot)).isEmpty();
    }

    @Test
    void oneQualifiedBuyerTakesTheLotByAgreementAtTheListedPrice() {
        Lot lot = listed(anjiTerms(null));
        lot.register("chifeng-muge-feed", "muge-tto", LISTED);
        lot.register("baotou-steel-union", "btsu-tto", LISTED);
        lot.recordDeposit("chifeng-muge-feed", 10_000_000L, "ESC-1", "ops", LISTED);

        lot.advance(REGISTRATION_ENDS, PUBLICATION);

        assertThat(lot.status()).isEqualTo(LotStatus.PUBLICATION);
        assertThat(lot.saleMode()).isEqualTo(SaleMode.AGREEMENT);
        assertThat(lot.buyerInstitutionId()).isEqualTo("chifeng-muge-feed");
        assertThat(lot.priceFen()).isEqualTo(89_500_000L);
        assertThat(lot.publicationEndsAt()).isEqualTo(REGISTRATION_ENDS.plus(PUBLICATION));
        assertThat(types(lot)).containsExactly(DealConcluded.CONTRACT.type());
    }

    @Test
    void twoQualifiedBuyersGoToAuctionClosingAtTheListedTime() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");

        assertThat(lot.status()).isEqualTo(LotStatus.AUCTION);
        assertThat(lot.closesAt()).isEqualTo(AUCTION_ENDS);
        assertThat(lot.nextMinimumFen()).isEqualTo(89_500_000L);
    }

    @Test
    void everyBidIsTheTopPlusAWholeMultipleOfTheIncrement() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");
        Instant t = AUCTION_ENDS.minus(Duration.ofHours(1));

        assertThatThrownBy(() -> lot.checkBid("chifeng-muge-feed", 89_400_000L, t))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.OFF_INCREMENT);
        assertThatThrownBy(() -> lot.checkBid("chifeng-muge-feed", 90_000_000L, t))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.OFF_INCREMENT);
        bid(lot, "chifeng-muge-feed", 89_500_000L, t);
        assertThatThrownBy(() -> lot.checkBid("baotou-steel-union", 89_500_000L, t))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.TOO_LOW);
        bid(lot, "baotou-steel-union", 104_500_000L, t.plusSeconds(1));

        assertThat(lot.topBidFen()).isEqualTo(104_500_000L);
        assertThat(lot.nextMinimumFen()).isEqualTo(109_500_000L);
        assertThat(lot.bids()).extracting(Bid::pseudonym).containsExactly("bidder-001", "bidder-002");
    }

    @Test
    void aBuyerWithoutADepositDoesNotBid() {
        Lot lot = listed(anjiTerms(null));
        lot.register("chifeng-muge-feed", "muge-tto", LISTED);
        lot.register("baotou-steel-union", "btsu-tto", LISTED);
        lot.register("ordos-coal", "ordos-tto", LISTED);
        lot.recordDeposit("chifeng-muge-feed", 10_000_000L, "ESC-1", "ops", LISTED);
        lot.recordDeposit("baotou-steel-union", 10_000_000L, "ESC-2", "ops", LISTED);
        lot.advance(REGISTRATION_ENDS, PUBLICATION);

        assertThatThrownBy(() -> lot.checkBid("ordos-coal", 89_500_000L, REGISTRATION_ENDS.plusSeconds(1)))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.NO_DEPOSIT);
        assertThatThrownBy(() -> lot.checkBid("hohhot-dairy", 89_500_000L, REGISTRATION_ENDS.plusSeconds(1)))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.NO_DEPOSIT);
    }

    @Test
    void aBidAtTheClosingInstantIsRefusedAndOneAMillisecondBeforeIsTaken() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");

        assertThatThrownBy(() -> lot.checkBid("chifeng-muge-feed", 89_500_000L, AUCTION_ENDS))
                .extracting(e -> ((BidRefused) e).reason()).isEqualTo(BidRefused.Reason.CLOSED);
        bid(lot, "chifeng-muge-feed", 89_500_000L, AUCTION_ENDS.minusMillis(1));
        assertThat(lot.bidCount()).isEqualTo(1);
    }

    @Test
    void aBidInTheLastMinutesMovesTheCloseToItsTimePlusTheWindowAndAnEarlierBidDoesNot() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");

        bid(lot, "chifeng-muge-feed", 89_500_000L, AUCTION_ENDS.minus(Duration.ofMinutes(10)));
        assertThat(lot.closesAt()).as("ten minutes before: no extension").isEqualTo(AUCTION_ENDS);

        Instant sniped = AUCTION_ENDS.minus(Duration.ofSeconds(20));
        bid(lot, "baotou-steel-union", 94_500_000L, sniped);
        assertThat(lot.closesAt()).isEqualTo(sniped.plus(WINDOW));

        assertThat(lot.advance(AUCTION_ENDS, PUBLICATION)).as("not closed at the original time").isFalse();
        bid(lot, "chifeng-muge-feed", 99_500_000L, AUCTION_ENDS.plusSeconds(30));
        assertThat(lot.closesAt()).isEqualTo(AUCTION_ENDS.plusSeconds(30).plus(WINDOW));
    }

    @Test
    void theCloseMakesTheTopBidTheDealAndReleasesEveryOtherDeposit() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union", "ordos-coal");
        bid(lot, "chifeng-muge-feed", 89_500_000L, AUCTION_ENDS.minus(Duration.ofHours(1)));
        bid(lot, "baotou-steel-union", 119_500_000L, AUCTION_ENDS
                .minus(Duration.ofMinutes(30)));

        assertThat(lot.advance(AUCTION_ENDS, PUBLICATION)).isTrue();

        assertThat(lot.status()).isEqualTo(LotStatus.PUBLICATION);
        assertThat(lot.saleMode()).isEqualTo(SaleMode.AUCTION);
        assertThat(lot.buyerInstitutionId()).isEqualTo("baotou-steel-union");
        assertThat(lot.priceFen()).isEqualTo(lot.topBidFen());
        assertThat(types(lot)).containsExactly(DealConcluded.CONTRACT.type(), DepositReleased.CONTRACT.type(),
                DepositReleased.CONTRACT.type());
        assertThat(lot.participants()).filteredOn(p -> p.depositReleasedAt() != null)
                .extracting(Participant::institutionId).containsExactlyInAnyOrder("chifeng-muge-feed", "ordos-coal");
        assertThat(lot.advance(AUCTION_ENDS.plusSeconds(1), PUBLICATION)).as("closing twice").isFalse();
        assertThat(types(lot)).hasSize(3);
    }

    @Test
    void aTopBidBelowTheReserveLeavesTheLotUnsoldAndReleasesEveryDeposit() {
        Lot lot = atAuction(100_000_000L, "chifeng-muge-feed", "baotou-steel-union");
        bid(lot, "chifeng-muge-feed", 94_500_000L, AUCTION_ENDS.minus(Duration.ofHours(1)));

        lot.advance(AUCTION_ENDS, PUBLICATION);

        assertThat(lot.status()).isEqualTo(LotStatus.UNSOLD);
        assertThat(lot.unsoldReason()).isEqualTo(UnsoldReason.RESERVE_NOT_MET);
        assertThat(types(lot)).containsExactly(DepositReleased.CONTRACT.type(), DepositReleased.CONTRACT.type());
    }

    @Test
    void anAuctionWithoutBidsIsUnsold() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");

        lot.advance(AUCTION_ENDS, PUBLICATION);

        assertThat(lot.unsoldReason()).isEqualTo(UnsoldReason.NO_BIDS);
    }

    @Test
    void aPendingObjectionHoldsTheDealAndADismissedOneLetsItBecomeFinal() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");
        bid(lot, "chifeng-muge-feed", 89_500_000L, AUCTION_ENDS.minus(Duration.ofHours(1)));
        lot.advance(AUCTION_ENDS, PUBLICATION);
        Instant publicationEnds = lot.publicationEndsAt();

        Objection filed = lot.fileObjection("btsu-tto", "成交价格明显低于评估值", publicationEnds.minusSeconds(60));
        assertThat(filed.number()).isEqualTo(1);
        assertThat(lot.isReadyToFinalise(publicationEnds)).isFalse();
        assertThatThrownBy(() -> lot.fileObjection("btsu-tto", "again", publicationEnds))
                .isInstanceOf(StepRefused.class);

        lot.decideObjection(1, false, "ops-desk", "评估报告显示价格合理", publicationEnds.plusSeconds(5));
        assertThat(lot.isReadyToFinalise(publicationEnds.plusSeconds(5))).isTrue();
        assertThat(lot.finalise(new DealFinalised.Party("imut", null, null, null, null),
                new DealFinalised.Party("chifeng-muge-feed", null, null, null, null),
                publicationEnds.plusSeconds(5))).isTrue();
        assertThat(lot.status()).isEqualTo(LotStatus.FINAL);
        assertThat(types(lot)).endsWith(DealFinalised.CONTRACT.type());
    }

    @Test
    void anUpheldObjectionAnnulsTheDealAndReleasesTheBuyersDeposit() {
        Lot lot = atAuction(null, "chifeng-muge-feed", "baotou-steel-union");
        bid(lot, "chifeng-muge-feed", 89_500_000L, AUCTION_ENDS.minus(Duration.ofHours(1)));
        lot.advance(AUCTION_ENDS, PUBLICATION);
        lot.fileObjection("btsu-tto", "成交方与成果持有单位存在未披露的关联关系", AUCTION_ENDS.plusSeconds(60));

        assertThatThrownBy(() -> lot.decideObjection(1, true, "ops-desk", " ", AUCTION_ENDS.plusSeconds(90)))
                .isInstanceOf(InvalidTerms.class).hasMessageContaining("note");
        lot.decideObjection(1, true, "ops-desk", "关联关系属实", AUCTION_ENDS.plusSeconds(90));

        assertThat(lot.status()).isEqualTo(LotStatus.ANNULLED);
        assertThat(types(lot)).endsWith(DealAnnulled.CONTRACT.type(), DepositReleased.CONTRACT.type());
        assertThat(lot.participants()).allSatisfy(p -> assertThat(p.depositReleasedAt()).isNotNull());
        assertThatThrownBy(() -> lot.decideObjection(1, false, "ops-desk", "x", AUCTION_ENDS.plusSeconds(95)))
                .isInstanceOf(StepRefused.class).hasMessageContaining("upheld");
    }
}
