package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.events.catalog.DealAnnulled;
import org.mengkeju.events.catalog.DealConcluded;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.events.catalog.DepositReleased;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A lot (标的): one published achievement listed for sale (挂牌), from interest registration through an auction
 * (竞价) if two or more buyers qualify, to a deal in its publication period (公示) and the final deal. The whole
 * process is one document, so each step, and every event it causes (the deal, the deposits released), is one atomic
 * write: a crash between accepting the winning bid and announcing the deal cannot lose or double either, because the
 * close that turns the top bid into the deal and the events that announce it are written together, once, under the
 * version check.
 *
 * <p>Bids are the exception to "load, change, save": they are accepted by the store itself in one conditional update
 * ({@link Lots#placeBid}), which applies exactly the change {@link #accept} makes here.
 */
@Document("lots")
@CompoundIndexes({
        @CompoundIndex(name = "creation_idempotency", def = "{'listedBy': 1, 'idempotencyKey': 1}", unique = true),
        @CompoundIndex(name = "due", def = "{'status': 1, 'dueAt': 1}"),
        @CompoundIndex(name = "by_achievement", def = "{'achievementId': 1, 'status': 1}")})
public class Lot extends OutboxAggregate {

    /** The most accepted bids one lot keeps: far below the store's 16 MB, far above any real auction's length. */
    static final int MAX_BIDS = 20_000;
    /** The most buyers one lot registers (a pseudonym has three digits). */
    static final int MAX_PARTICIPANTS = 999;
    /** The most objections one deal takes. */
    static final int MAX_OBJECTIONS = 50;

    @Id
    private String id;
    private String achievementId;
    private String achievementTitle;
    private IndustryChain industryChain;
    private String ownerInstitutionId;
    /** The league-city of the achievement: its sub-center may list it and sees its bidders. */
    private String regionCode;
    private String sessionId;
    private LotTerms terms;
    private String listedBy;
    private String idempotencyKey;
    private String requestFingerprint;
    private Instant listedAt;

    private LotStatus status;
    /** When the next step that time alone takes is due; the sweep looks for lots by it. */
    private Instant dueAt;
    /** The auction's close, moved later by bids in the anti-sniping window. */
    private Instant closesAt;
    private Long topBidFen;
    /** The least the next bid may be: the starting price, then the top bid plus one increment. */
    private long nextMinimumFen;
    private String leadingInstitutionId;
    private int bidCount;
    private List<Participant> participants = new ArrayList<>();
    private List<Bid> bids = new ArrayList<>();

    private SaleMode saleMode;
    private UnsoldReason unsoldReason;
    private String buyerInstitutionId;
    private Long priceFen;
    private Instant closedAt;
    private Instant publicationEndsAt;
    private Instant finalisedAt;
    private Instant annulledAt;
    private List<Objection> objections = new ArrayList<>();
    /** Objections not yet decided: a deal with one does not become final. */
    private int pendingObjections;
    /** Whether the achievement was moved to under negotiation after the deal became final. */
    private boolean achievementMoved;
    @Version
    private Long version;

    @PersistenceCreator
    Lot() {
    }

    /** The facts of the achievement a lot is listed for, as the catalog holds them when it is listed. */
    record Offered(String achievementId, String title, IndustryChain industryChain, String ownerInstitutionId,
            String regionCode) {
    }

    /** A lot listed on {@code terms}, open for interest registration until {@code terms.registrationEndsAt()}. */
    static Lot list(LotId id, Offered offered, LotTerms terms, String sessionId, String listedBy,
            String idempotencyKey, String requestFingerprint, Instant now) {
        Lot lot = new Lot();
        lot.id = id.value();
        lot.achievementId = offered.achievementId();
        lot.achievementTitle = offered.title();
        lot.industryChain = offered.industryChain();
        lot.ownerInstitutionId = offered.ownerInstitutionId();
        lot.regionCode = offered.regionCode();
        lot.sessionId = sessionId;
        lot.terms = terms.check(now);
        lot.listedBy = listedBy;
        lot.idempotencyKey = idempotencyKey;
        lot.requestFingerprint = requestFingerprint;
        lot.listedAt = now;
        lot.status = LotStatus.REGISTRATION;
        lot.dueAt = terms.registrationEndsAt();
        lot.nextMinimumFen = terms.startingPriceFen();
        return lot;
    }

    // ---------------------------------------------------------------- registration and deposits

    /**
     * Registers a buyer's interest (报名) and gives it the next pseudonym; a buyer registered already gets its
     * registration back. Taken only while the listing period runs.
     */
    Participant register(String institutionId, String clientId, Instant now) {
        Optional<Participant> earlier = participant(institutionId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        requireRegistrationOpen(now);
        if (participants.size() >= MAX_PARTICIPANTS) {
            throw new StepRefused("lot-full", "lot " + id + " has " + MAX_PARTICIPANTS + " registered buyers, the "
                    + "most one lot takes");
        }
        Participant registered = new Participant(institutionId, clientId,
                "bidder-%03d".formatted(participants.size() + 1), now, null, null, null, null);
        participants.add(registered);
        return registered;
    }

    /**
     * Records a registered buyer's deposit as paid; the amount must be the lot's deposit. Recording the same payment
     * again changes nothing. Only while the listing period runs: who qualifies is settled when it ends.
     *
     * @return whether the lot changed
     */
    boolean recordDeposit(String institutionId, long amountFen, String reference, String recordedBy, Instant now) {
        Participant registered = participant(institutionId).orElseThrow(() -> new StepRefused("not-registered",
                "institution " + institutionId + " has not registered for lot " + id));
        if (amountFen != terms.depositFen()) {
            throw new InvalidTerms("amountYuan", "must be the lot's deposit, " + Yuan.of(terms.depositFen())
                    + " yuan");
        }
        if (registered.isQualified()) {
            if (reference.equals(registered.depositReference())) {
                return false;
            }
            throw new StepRefused("deposit-already-paid", "the deposit of " + registered.pseudonym() + " on lot "
                    + id + " was recorded already, as " + registered.depositReference());
        }
        requireRegistrationOpen(now);
        participants.set(participants.indexOf(registered), registered.paid(reference, recordedBy, now));
        return true;
    }

    private void requireRegistrationOpen(Instant now) {
        if (status != LotStatus.REGISTRATION || !now.isBefore(terms.registrationEndsAt())) {
            throw new StepRefused("registration-closed", "lot " + id + " takes registrations and deposits until "
                    + terms.registrationEndsAt() + "; it is " + status);
        }
    }

    // ---------------------------------------------------------------- the steps time takes

    /**
     * Takes the step that is due at {@code now}, if any: the end of the listing period (no qualified buyer: unsold;
     * one: a deal by agreement at the listed price; more: the auction opens) or the auction's close (the top bid
     * becomes the deal, unless there is none or it misses the reserve; every other deposit is released). A deal then
     * stands in publication for {@code publicationPeriod}.
     *
     * @return whether the lot changed
     */
    boolean advance(Instant now, Duration publicationPeriod) {
        if (status == LotStatus.REGISTRATION && !now.isBefore(terms.registrationEndsAt())) {
            List<Participant> qualified = participants.stream().filter(Participant::isQualified).toList();
            switch (qualified.size()) {
                case 0 -> closeUnsold(UnsoldReason.NO_QUALIFIED_BUYER, now);
                case 1 -> conclude(SaleMode.AGREEMENT, qualified.getFirst().institutionId(),
                        terms.startingPriceFen(), now, publicationPeriod);
                default -> {
                    status = LotStatus.AUCTION;
                    closesAt = terms.auctionEndsAt();
                    dueAt = closesAt;
                }
            }
            return true;
        }
        if (status == LotStatus.AUCTION && !now.isBefore(closesAt)) {
            if (topBidFen == null) {
                closeUnsold(UnsoldReason.NO_BIDS, now);
            } else if (terms.reserveFen() != null && topBidFen < terms.reserveFen()) {
                closeUnsold(UnsoldReason.RESERVE_NOT_MET, now);
            } else {
                conclude(SaleMode.AUCTION, leadingInstitutionId, topBidFen, now, publicationPeriod);
            }
            return true;
        }
        return false;
    }

    /** Whether the publication period is over with every objection decided, so {@link #finalise} may run. */
    boolean isReadyToFinalise(Instant now) {
        return status == LotStatus.PUBLICATION && pendingObjections == 0 && !now.isBefore(publicationEndsAt);
    }

    /**
     * The deal becomes final after its publication period with no objection pending or upheld; records
     * {@link DealFinalised}, which carries what a contract is pre-filled with.
     */
    boolean finalise(DealFinalised.Party seller, DealFinalised.Party buyer, Instant now) {
        if (!isReadyToFinalise(now)) {
            return false;
        }
        status = LotStatus.FINAL;
        finalisedAt = now;
        dueAt = null;
        record(DealFinalised.CONTRACT, id, new DealFinalised(id, achievementId, achievementTitle,
                terms.transferMode().name(), saleMode.name(), Yuan.of(priceFen), Yuan.of(terms.startingPriceFen()),
                seller, buyer, sessionId, now), now);
        return true;
    }

    /** The achievement was moved to under negotiation for this final deal. */
    void achievementMoved() {
        achievementMoved = true;
    }

    private void conclude(SaleMode mode, String buyer, long price, Instant now, Duration publicationPeriod) {
        status = LotStatus.PUBLICATION;
        saleMode = mode;
        buyerInstitutionId = buyer;
        priceFen = price;
        closedAt = now;
        publicationEndsAt = now.plus(publicationPeriod);
        dueAt = publicationEndsAt;
        record(DealConcluded.CONTRACT, id, new DealConcluded(id, achievementId, ownerInstitutionId, buyer, mode.name(),
                terms.transferMode().name(), Yuan.of(price), Yuan.of(terms.startingPriceFen()), sessionId,
                publicationEndsAt, now), now);
        releaseDeposits(p -> !p.institutionId().equals(buyer), "OUTBID", now);
    }

    private void closeUnsold(UnsoldReason reason, Instant now) {
        status = LotStatus.UNSOLD;
        unsoldReason = reason;
        closedAt = now;
        dueAt = null;
        releaseDeposits(p -> true, "UNSOLD", now);
    }

    private void releaseDeposits(java.util.function.Predicate<Participant> which, String reason, Instant now) {
        for (int i = 0; i < participants.size(); i++) {
            Participant p = participants.get(i);
            if (p.isQualified() && p.depositReleasedAt() == null && which.test(p)) {
                participants.set(i, p.released(now));
                record(DepositReleased.CONTRACT, id, new DepositReleased(id, achievementId, p.institutionId(),
                        Yuan.of(terms.depositFen()), reason, now), now);
            }
        }
    }

    // ---------------------------------------------------------------- bids

    /**
     * Whether {@code institutionId} may bid {@code amountFen} at {@code now}, as far as this copy of the lot knows;
     * the store checks the parts that race (the top bid, the close) again in the same write that accepts the bid.
     *
     * @throws BidRefused naming the rule broken
     */
    void checkBid(String institutionId, long amountFen, Instant now) {
        checkBid(institutionId, amountFen, now, nextMinimumFen, bidCount);
    }

    /**
     * As {@link #checkBid(String, long, Instant)}, with the next minimum and the number of bids that bids judged
     * before it in the same write leave.
     */
    void checkBid(String institutionId, long amountFen, Instant now, long nextMinimumFen, int bidCount) {
        if (status != LotStatus.AUCTION) {
            throw new BidRefused(BidRefused.Reason.NOT_IN_AUCTION, status == LotStatus.REGISTRATION
                    ? "lot " + id + " is still taking registrations until " + terms.registrationEndsAt()
                    : "lot " + id + " is " + status + "; its auction is over");
        }
        if (!now.isBefore(closesAt)) {
            throw new BidRefused(BidRefused.Reason.CLOSED, "the auction of lot " + id + " closed at " + closesAt);
        }
        participant(institutionId).filter(Participant::isQualified)
                .orElseThrow(() -> new BidRefused(BidRefused.Reason.NO_DEPOSIT, "institution " + institutionId
                        + " has no deposit recorded on lot " + id + "; only buyers who paid theirs before the "
                        + "listing period ended bid"));
        if (!terms.onIncrementGrid(amountFen)) {
            throw new BidRefused(BidRefused.Reason.OFF_INCREMENT, "amountYuan must be the starting price "
                    + Yuan.of(terms.startingPriceFen()) + " plus a whole multiple of the increment "
                    + Yuan.of(terms.incrementFen()) + " yuan");
        }
        if (amountFen < nextMinimumFen) {
            throw new BidRefused(BidRefused.Reason.TOO_LOW, "the least the next bid on lot " + id + " may be is "
                    + Yuan.of(nextMinimumFen) + " yuan");
        }
        if (bidCount >= MAX_BIDS) {
            throw new BidRefused(BidRefused.Reason.TOO_MANY_BIDS, "lot " + id + " holds " + MAX_BIDS + " bids");
        }
    }

    /** The bid {@code institutionId} would place, with its pseudonym. */
    Bid bidOf(String institutionId, String clientId, long amountFen, Instant now, String requestKey) {
        Participant bidder = participant(institutionId).orElseThrow();
        return new Bid(bidder.pseudonym(), institutionId, clientId, amountFen, now, requestKey);
    }

    /**
     * The close after a bid at {@code at}: a bid within the anti-sniping window of the close moves the close to the
     * bid's time plus the window; an earlier bid leaves it.
     */
    Instant closeAfterBidAt(Instant at) {
        Instant extended = at.plus(terms.antiSniping());
        return extended.isAfter(closesAt) ? extended : closesAt;
    }

    /** What an accepted bid changes on a lot at auction, as the store's write left it. */
    record BidState(long topBidFen, long nextMinimumFen, String leadingInstitutionId, Instant closesAt, int bidCount,
            Long version) {
    }

    /**
     * This lot (without its history) as {@code state} left it: a copy, so that readers of this one, which bidders on
     * other threads may hold, never see it change.
     */
    Lot afterBid(BidState state) {
        Lot next = new Lot();
        next.id = id;
        next.achievementId = achievementId;
        next.achievementTitle = achievementTitle;
        next.industryChain = industryChain;
        next.ownerInstitutionId = ownerInstitutionId;
        next.regionCode = regionCode;
        next.sessionId = sessionId;
        next.terms = terms;
        next.listedBy = listedBy;
        next.idempotencyKey = idempotencyKey;
        next.requestFingerprint = requestFingerprint;
        next.listedAt = listedAt;
        next.status = status;
        next.participants = participants;
        next.bids = new ArrayList<>();
        next.topBidFen = state.topBidFen();
        next.nextMinimumFen = state.nextMinimumFen();
        next.leadingInstitutionId = state.leadingInstitutionId();
        next.closesAt = state.closesAt();
        next.dueAt = state.closesAt();
        next.bidCount = state.bidCount();
        next.version = state.version();
        return next;
    }

    /** Accepts a bid that passed {@link #checkBid}: the change {@link Lots#placeBid} makes in the store. */
    void accept(Bid bid) {
        checkBid(bid.institutionId(), bid.amountFen(), bid.at());
        topBidFen = bid.amountFen();
        nextMinimumFen = bid.amountFen() + terms.incrementFen();
        leadingInstitutionId = bid.institutionId();
        closesAt = closeAfterBidAt(bid.at());
        dueAt = closesAt;
        bids.add(bid);
        bidCount++;
    }

    // ---------------------------------------------------------------- objections

    /** Files an objection (异议) while the deal is in publication. */
    Objection fileObjection(String filedBy, String reason, Instant now) {
        if (status != LotStatus.PUBLICATION || !now.isBefore(publicationEndsAt)) {
            throw new StepRefused("not-in-publication", "objections to lot " + id + " are taken during its "
                    + "publication period" + (publicationEndsAt == null ? "" : ", until " + publicationEndsAt)
                    + "; it is " + status);
        }
        if (reason == null || reason.isBlank()) {
            throw new InvalidTerms("reason", "is required");
        }
        if (objections.size() >= MAX_OBJECTIONS) {
            throw new StepRefused("too-many-objections", "lot " + id + " holds " + MAX_OBJECTIONS + " objections");
        }
        Objection filed = new Objection(objections.size() + 1, filedBy, reason.strip(), now, null, null, null, null);
        objections.add(filed);
        pendingObjections++;
        return filed;
    }

    /**
     * An operator decides an objection. Upheld, the deal is annulled and the buyer's deposit released; dismissed,
     * the deal stays and becomes final once its period is over and no other objection is pending.
     */
    Objection decideObjection(int number, boolean upheld, String decidedBy, String note, Instant now) {
        if (number < 1 || number > objections.size()) {
            throw new StepRefused.NotFound("objection " + number + " of lot " + id);
        }
        Objection objection = objections.get(number - 1);
        if (!objection.isPending()) {
            throw new StepRefused("objection-decided", "objection " + number + " of lot " + id + " was "
                    + (objection.upheld() ? "upheld" : "dismissed") + " at " + objection.decidedAt());
        }
        if (status != LotStatus.PUBLICATION) {
            throw new StepRefused("not-in-publication", "lot " + id + " is " + status);
        }
        if (note == null || note.isBlank()) {
            throw new InvalidTerms("note", "is required: the parties are told why");
        }
        Objection decided = objection.decided(upheld, decidedBy, note.strip(), now);
        objections.set(number - 1, decided);
        pendingObjections--;
        if (upheld) {
            status = LotStatus.ANNULLED;
            annulledAt = now;
            dueAt = null;
            record(DealAnnulled.CONTRACT, id, new DealAnnulled(id, achievementId, number, decided.decisionNote(),
                    now), now);
            releaseDeposits(p -> true, "ANNULLED", now);
        }
        return decided;
    }

    // ---------------------------------------------------------------- reading

    Optional<Participant> participant(String institutionId) {
        return participants.stream().filter(p -> p.institutionId().equals(institutionId)).findFirst();
    }

    boolean wasListedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public String id() {
        return id;
    }

    public String achievementId() {
        return achievementId;
    }

    public String achievementTitle() {
        return achievementTitle;
    }

    public IndustryChain industryChain() {
        return industryChain;
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public String regionCode() {
        return regionCode;
    }

    public String sessionId() {
        return sessionId;
    }

    public LotTerms terms() {
        return terms;
    }

    public String listedBy() {
        return listedBy;
    }

    public Instant listedAt() {
        return listedAt;
    }

    public LotStatus status() {
        return status;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public Instant closesAt() {
        return closesAt;
    }

    public Long topBidFen() {
        return topBidFen;
    }

    public long nextMinimumFen() {
        return nextMinimumFen;
    }

    public String leadingInstitutionId() {
        return leadingInstitutionId;
    }

    public int bidCount() {
        return bidCount;
    }

    public List<Participant> participants() {
        return participants == null ? List.of() : List.copyOf(participants);
    }

    public List<Bid> bids() {
        return bids == null ? List.of() : List.copyOf(bids);
    }

    public SaleMode saleMode() {
        return saleMode;
    }

    public UnsoldReason unsoldReason() {
        return unsoldReason;
    }

    public String buyerInstitutionId() {
        return buyerInstitutionId;
    }

    public Long priceFen() {
        return priceFen;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public Instant publicationEndsAt() {
        return publicationEndsAt;
    }

    public Instant finalisedAt() {
        return finalisedAt;
    }

    public Instant annulledAt() {
        return annulledAt;
    }

    public List<Objection> objections() {
        return objections == null ? List.of() : List.copyOf(objections);
    }

    public boolean isAchievementMoved() {
        return achievementMoved;
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
