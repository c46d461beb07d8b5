package org.mengkeju.catalog.trading;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.achievement.TransferMode;
import org.mengkeju.catalog.institution.InstitutionType;
import org.mengkeju.catalog.session.SessionId;

/** The HTTP shapes of the trading API. Amounts are yuan, exact to the fen. */
final class LotRequests {

    private LotRequests() {
    }

    static final String INSTITUTION_PATTERN = "^[a-z0-9][a-z0-9-]{1,63}$";

    /** An owner's listing of a published achievement for sale. */
    record ListForSale(
            @NotNull TransferMode transferMode,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal startingPriceYuan,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal incrementYuan,
            @Positive @Digits(integer = 13, fraction = 2) BigDecimal reserveYuan,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal depositYuan,
            @NotNull Instant registrationEndsAt,
            @NotNull Instant auctionEndsAt,
            @NotNull @Min(0) @Max(3600) Integer antiSnipingSeconds,
            @Size(max = 12) List<@NotNull @Pattern(regexp = "^[1-8][0-9]{5}$", message = "must be a league-city code")
                    String> buyerRegions,
            @Size(max = 6) List<@NotNull InstitutionType> buyerTypes,
            @Pattern(regexp = SessionId.PATTERN, message = "must be a session id") String sessionId) {

        LotTerms terms() {
            return new LotTerms(transferMode, Yuan.toFen(startingPriceYuan, "startingPriceYuan"),
                    Yuan.toFen(incrementYuan, "incrementYuan"),
                    reserveYuan == null ? null : Yuan.toFen(reserveYuan, "reserveYuan"),
                    Yuan.toFen(depositYuan, "depositYuan"), registrationEndsAt, auctionEndsAt,
                    antiSnipingSeconds, buyerRegions, buyerTypes);
        }
    }

    /** An operator's record of a deposit paid into the platform's escrow. */
    record RecordDeposit(
            @NotNull @Pattern(regexp = INSTITUTION_PATTERN, message = "must be an institution id") String institutionId,
            @NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal amountYuan,
            @NotBlank @Size(max = 100) String reference) {
    }

    /** A bid: the current top (or the starting price) plus a whole multiple of the increment. */
    record PlaceBid(@NotNull @Positive @Digits(integer = 13, fraction = 2) BigDecimal amountYuan) {
    }

    /** An objection to a deal in publication. */
    record FileObjection(@NotBlank @Size(max = 2000) String reason) {
    }

    /** An operator's decision on an objection: upheld annuls the deal. */
    record DecideObjection(@NotNull Boolean upheld, @NotBlank @Size(max = 2000) String note) {
    }

    /** A registered buyer as the caller may see it: the institution only for those who manage the lot. */
    record BidderView(String pseudonym, String institutionId, boolean qualified, Instant depositPaidAt,
            Instant depositReleasedAt) {

        static BidderView of(Participant p, boolean seesParties) {
            return new BidderView(p.pseudonym(), seesParties ? p.institutionId() : null, p.isQualified(),
                    p.depositPaidAt(), p.depositReleasedAt());
        }
    }

    /** An accepted bid, numbered in the order accepted. */
    record BidView(int number, String pseudonym, String institutionId, BigDecimal amountYuan, Instant at) {
    }

    /** An objection; who filed it only for those who manage the lot. */
    record ObjectionView(int number, String filedBy, String reason, Instant filedAt, Boolean upheld,
            String decisionNote, Instant decidedAt) {

        static ObjectionView of(Objection o, boolean seesParties) {
            return new ObjectionView(o.number(), seesParties ? o.filedBy() : null, o.reason(), o.filedAt(),
                    o.upheld(), o.decisionNote(), o.decidedAt());
        }
    }

    /**
     * A lot with its terms, bidders, bids and outcome. Bidders are pseudonyms to everyone but the lot's managers;
     * {@code you} is the caller's own pseudonym when it registered; the reserve's amount is the managers' to see.
     * The buyer of a deal is public once the deal is in publication: that is what publication means. {@code bids}
     * holds the latest {@value #SHOWN_BIDS} bids, numbered from the first; {@code bidCount} counts them all.
     */
    /** The most bids a lot's view shows: the latest ones; a long auction's whole history would be megabytes. */
    static final int SHOWN_BIDS = 200;

    record LotView(
            String lotId,
            String achievementId,
            String achievementTitle,
            IndustryChain industryChain,
            String ownerInstitutionId,
            String sessionId,
            TransferMode transferMode,
            BigDecimal startingPriceYuan,
            BigDecimal incrementYuan,
            boolean reserveSet,
            BigDecimal reserveYuan,
            BigDecimal depositYuan,
            Instant registrationEndsAt,
            Instant auctionEndsAt,
            long antiSnipingSeconds,
            List<String> buyerRegions,
            List<InstitutionType> buyerTypes,
            LotStatus status,
            Instant closesAt,
            BigDecimal topBidYuan,
            BigDecimal nextMinimumYuan,
            String leadingBidder,
            int bidCount,
            String you,
            List<BidderView> bidders,
            List<BidView> bids,
            SaleMode saleMode,
            UnsoldReason unsoldReason,
            String buyerInstitutionId,
            BigDecimal priceYuan,
            Instant closedAt,
            Instant publicationEndsAt,
            Instant finalisedAt,
            Instant annulledAt,
            List<ObjectionView> objections,
            Long version) {

        static LotView of(TradingDesk.Shown shown) {
            Lot lot = shown.lot();
            boolean sees = shown.seesParties();
            LotTerms t = lot.terms();
            List<Bid> bids = lot.bids();
            String leading = lot.leadingInstitutionId() == null ? null
                    : lot.participant(lot.leadingInstitutionId()).map(Participant::pseudonym).orElse(null);
            String you = shown.viewerInstitutionId() == null ? null
                    : lot.participant(shown.viewerInstitutionId()).map(Participant::pseudonym).orElse(null);
            return new LotView(lot.id(), lot.achievementId(), lot.achievementTitle(), lot.industryChain(),
                    lot.ownerInstitutionId(), lot.sessionId(), t.transferMode(), Yuan.of(t.startingPriceFen()),
                    Yuan.of(t.incrementFen()), t.reserveFen() != null, sees ? Yuan.of(t.reserveFen()) : null,
                    Yuan.of(t.depositFen()), t.registrationEndsAt(), t.auctionEndsAt(), t.antiSnipingSeconds(),
                    t.buyerRegions(), t.buyerTypes(), lot.status(), lot.closesAt(), Yuan.of(lot.topBidFen()),
                    lot.status() == LotStatus.AUCTION || lot.status() == LotStatus.REGISTRATION
                            ? Yuan.of(lot.nextMinimumFen()) : null,
                    leading, lot.bidCount(), you,
                    lot.participants().stream().map(p -> BidderView.of(p, sees)).toList(),
                    java.util.stream.IntStream.range(Math.max(0, bids.size() - SHOWN_BIDS), bids.size())
                            .mapToObj(i -> new BidView(i + 1,
                            bids.get(i).pseudonym(), sees ? bids.get(i).institutionId() : null,
                            Yuan.of(bids.get(i).amountFen()), bids.get(i).at())).toList(),
                    lot.saleMode(), lot.unsoldReason(), lot.buyerInstitutionId(), Yuan.of(lot.priceFen()),
                    lot.closedAt(), lot.publicationEndsAt(), lot.finalisedAt(), lot.annulledAt(),
                    lot.objections().stream().map(o -> ObjectionView.of(o, sees)).toList(), lot.version());
        }
    }

    /** A lot in a list: what it sells, where it is, and its top bid. */
    record LotSummary(String lotId, String achievementId, String achievementTitle, IndustryChain industryChain,
            String ownerInstitutionId, TransferMode transferMode, BigDecimal startingPriceYuan, LotStatus status,
            Instant registrationEndsAt, Instant closesAt, BigDecimal topBidYuan, int bidCount, SaleMode saleMode,
            BigDecimal priceYuan) {

        static LotSummary of(TradingDesk.Shown shown) {
            Lot lot = shown.lot();
            return new LotSummary(lot.id(), lot.achievementId(), lot.achievementTitle(), lot.industryChain(),
                    lot.ownerInstitutionId(), lot.terms().transferMode(), Yuan.of(lot.terms().startingPriceFen()),
                    lot.status(), lot.terms().registrationEndsAt(), lot.closesAt(), Yuan.of(lot.topBidFen()),
                    lot.bidCount(), lot.saleMode(), Yuan.of(lot.priceFen()));
        }
    }

    /** A page of lots; {@code next} is the cursor of the following page, absent on the last one. */
    record LotPage(List<LotSummary> items, String next) {

        static LotPage of(List<TradingDesk.Shown> lots, int limit) {
            List<LotSummary> items = lots.stream().map(LotSummary::of).toList();
            return new LotPage(items, items.size() == limit ? items.getLast().lotId() : null);
        }
    }

    /**
     * An accepted bid and the auction after it. The lot's id is not repeated here: the bid was placed on the path's
     * auction.
     */
    record PlacedBid(String pseudonym, BigDecimal amountYuan, Instant placedAt, BigDecimal topBidYuan,
            BigDecimal nextMinimumYuan, Instant closesAt, int bidCount) {

        static PlacedBid of(TradingDesk.Placed placed) {
            Lot lot = placed.lot().lot();
            return new PlacedBid(placed.bid().pseudonym(), Yuan.of(placed.bid().amountFen()), placed.bid().at(),
                    Yuan.of(lot.topBidFen()), Yuan.of(lot.nextMinimumFen()), lot.closesAt(), lot.bidCount());
        }
    }

    /**
     * One event of a lot's auction as its watchers get it: a bid, a move of the close, or the close. {@code bidder} is
     * always a pseudonym (for the close, the winner's); {@code status}, {@code saleMode} and {@code unsoldReason} are
     * set on the close only.
     */
    record AuctionEventView(String id, String type, int bidNumber, String bidder, BigDecimal amountYuan, Instant at,
            Instant closesAt, LotStatus status, SaleMode saleMode, UnsoldReason unsoldReason) {

        static AuctionEventView of(AuctionEvent e) {
            return new AuctionEventView(e.id(), e.type().streamName(), e.number(), e.pseudonym(),
                    Yuan.of(e.amountFen()), e.at(), e.closesAt(), e.status(), e.saleMode(), e.unsoldReason());
        }
    }

    /**
     * A lot's auction events after the Last-Event-ID asked with, in order; {@code lastEventId} is what to ask with
     * next (the last one here, or the one asked with when nothing followed it).
     */
    record AuctionEventPage(String lotId, List<AuctionEventView> events, String lastEventId) {

        static AuctionEventPage of(String lotId, List<AuctionEvent> events, String askedAfter) {
            return new AuctionEventPage(lotId, events.stream().map(AuctionEventView::of).toList(),
                    events.isEmpty() ? (askedAfter == null || askedAfter.isBlank() ? "0" : askedAfter.strip())
                            : events.getLast().id());
        }
    }

    /** The trading statistics, one row per industry chain or release session. */
    record StatisticsView(TradingDesk.Grouping by, List<TradingDesk.Figures> rows) {
    }
}
