package org.mengkeju.catalog.trading;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import org.mengkeju.catalog.achievement.Achievement;
import org.mengkeju.catalog.achievement.AchievementCatalog;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.catalog.institution.Institution;
import org.mengkeju.catalog.institution.Institutions;
import org.mengkeju.catalog.session.ReleaseSession;
import org.mengkeju.catalog.session.SessionProgramme;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The use cases of trading: an owner lists a published achievement for sale (挂牌), buyers register and pay their
 * deposits (保证金), bid if an auction (竞价) is held, anyone with a stake objects during the publication period (公示),
 * operators record deposits and decide objections. Who may do what, and who sees whom, is decided here.
 *
 * <p>Owners are the owner institution's transfer office (a partner), the sub-center of the achievement's league-city,
 * and the operators; they see the bidders' institutions. Buyers are partners of other institutions; they see each
 * other only by pseudonym. Lots are public notices: every identified caller reads them.
 */
@Service
public class TradingDesk {

    private static final Logger log = LoggerFactory.getLogger(TradingDesk.class);
    static final int MAX_PAGE = 100;
    /** How often a step that lost a race with another writer of the lot is re-applied to the fresh lot. */
    private static final int ATTEMPTS = 20;

    private final Lots lots;
    private final AchievementCatalog catalog;
    private final Institutions institutions;
    private final SessionProgramme sessions;
    private final OutboxAggregates aggregates;
    private final MongoTemplate mongo;
    private final TradingPolicy policy;
    private final AuctionLanes lanes;
    private final Clock clock;

    TradingDesk(Lots lots, AchievementCatalog catalog,
            Institutions institutions, SessionProgramme sessions, OutboxAggregates aggregates, MongoTemplate mongo,
            TradingPolicy policy, AuctionLanes lanes, Clock clock) {
        this.lots = lots;
        this.catalog = catalog;
        this.institutions = institutions;
        this.sessions = sessions;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.policy = policy;
        this.lanes = lanes;
        this.clock = clock;
    }

    /** A lot as one caller is shown it: the bidders' institutions only to those who manage it. */
    public record Shown(Lot lot, boolean seesParties, String viewerInstitutionId) {
    }

    /** What a listing returns: the lot, and whether this call listed it or repeated an earlier one. */
    public record Listed(Shown shown, boolean replayed) {
    }

    // ---------------------------------------------------------------- listing

    /**
     * Lists a published achievement for sale once per (caller, Idempotency-Key). Only one lot at a time holds an
     * achievement; a listing that is not PUBLISHED is a 409 naming its status.
     */
    public Listed list(CallerIdentity caller, String idempotencyKey, String achievementId, LotTerms terms,
            String sessionId) {
        Achievement achievement = catalog.get(caller, achievementId);
        if (!mayList(caller, achievement.ownerInstitutionId(), achievement.regionCode())) {
            throw ApiProblem.forbidden("achievement " + achievementId + " is listed for sale by its owner's transfer "
                    + "office, the sub-center of its league-city or an operator");
        }
        String fingerprint = RequestFingerprint.of(achievementId, terms.toString(), sessionId);
        Optional<Lot> earlier = lots.findByListedByAndIdempotencyKey(caller.clientId(), idempotencyKey);
        if (earlier.isPresent()) {
            return replay(caller, earlier.get(), fingerprint, idempotencyKey);
        }
        if (achievement.status() != AchievementStatus.PUBLISHED) {
            throw ApiProblem.conflict("achievement-not-published", "Achievement not published", "achievement "
                    + achievementId + " is " + achievement.status() + "; only a PUBLISHED achievement is listed for "
                    + "sale");
        }
        if (sessionId != null) {
            ReleaseSession session = sessions.find(sessionId).orElseThrow(() -> ApiProblem.invalid("unknown-session",
                    "Unknown session", "sessionId " + sessionId + " names no release session"));
            if (!session.lists(achievementId)) {
                throw ApiProblem.conflict("not-in-session", "Achievement not in session", "achievement "
                        + achievementId + " is not on the programme of release session " + sessionId);
            }
        }
        if (lots.existsByAchievementIdAndStatusIn(achievementId, ACTIVE)) {
            throw ApiProblem.conflict("already-listed", "Already listed for sale", "achievement " + achievementId
                    + " is on a lot still open; one lot at a time sells an achievement");
        }
        Lot lot;
        try {
            lot = Lot.list(LotId.next(clock.instant()), new Lot.Offered(achievementId, achievement.title(),
                    achievement.industryChain(), achievement.ownerInstitutionId(), achievement.regionCode()), terms,
                    sessionId, caller.clientId(), idempotencyKey, fingerprint, clock.instant());
        } catch (InvalidTerms invalid) {
            throw invalid(invalid);
        }
        try {
            Lot saved = lots.insert(lot);
            log.info("lot {} lists achievement {} for sale, starting at {} yuan, by {}", saved.id(), achievementId,
                    Yuan.of(terms.startingPriceFen()), caller.clientId());
            return new Listed(shown(caller, saved), false);
        } catch (DuplicateKeyException retry) {
            Lot first = lots.findByListedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            return replay(caller, first, fingerprint, idempotencyKey);
        }
    }

    static final EnumSet<LotStatus> ACTIVE = EnumSet.of(LotStatus.REGISTRATION, LotStatus.AUCTION,
            LotStatus.PUBLICATION);

    private Listed replay(CallerIdentity caller, Lot first, String fingerprint, String idempotencyKey) {
        if (!first.wasListedFrom(fingerprint)) {
            throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '"
                    + idempotencyKey + "' was already used for another lot (" + first.id() + ")");
        }
        return new Listed(shown(caller, first), true);
    }

    /** A lot; lots are public notices. A step already due is taken first, so nobody reads a stale state. */
    public Shown get(CallerIdentity caller, String lotId) {
        Lot lot = find(lotId);
        if (isDue(lot, clock.instant()) && advanceQuietly(lotId)) {
            lot = find(lotId);
        }
        return shown(caller, lot);
    }

    /** A page of lots in id order (the order of listing) after {@code after}, optionally in one status. */
    public List<Shown> page(CallerIdentity caller, LotStatus status, String after, int limit) {
        Criteria criteria = Criteria.where("_id").gt(after == null ? "" : after);
        if (status != null) {
            criteria = criteria.and("status").is(status.name());
        }
        Query query = Query.query(criteria).with(Sort.by("_id")).limit(limit);
        query.fields().exclude("bids");
        return mongo.find(query, Lot.class).stream().map(lot -> shown(caller, lot)).toList();
    }

    // ---------------------------------------------------------------- registration and deposits

    /**
     * Registers the caller's institution as a buyer of the lot and gives it a pseudonym; registering again returns
     * the same registration. Buyers are partners of institutions other than the owner, within the lot's conditions.
     */
    public Shown register(CallerIdentity caller, String lotId) {
        return change(caller, lotId, lot -> {
            mayRegister(caller, lot);
            int before = lot.participants().size();
            Participant registered = lot.register(caller.institutionId(), caller.clientId(), clock.instant());
            if (lot.participants().size() > before) {
                log.info("lot {}: institution {} registered as {}", lotId, caller.institutionId(),
                        registered.pseudonym());
                return true;
            }
            return false;
        });
    }

    /** An operator records a registered buyer's deposit as paid (the platform holds deposits in escrow). */
    public Shown recordDeposit(CallerIdentity caller, String lotId, String institutionId, long amountFen,
            String reference) {
        if (!caller.is(Role.OPERATOR)) {
            find(lotId);
            throw ApiProblem.forbidden("deposits are recorded by the platform's operators, who hold them");
        }
        return change(caller, lotId, lot -> {
            boolean changed = lot.recordDeposit(institutionId, amountFen, reference, caller.clientId(),
                    clock.instant());
            if (changed) {
                log.info("lot {}: deposit of institution {} recorded by {} ({})", lotId, institutionId,
                        caller.clientId(), reference);
            }
            return changed;
        });
    }

    // ---------------------------------------------------------------- bids

    /** What a bid returns: the bid, the lot after it, and whether this call placed it or found it from a retry. */
    public record Placed(Bid bid, Shown lot, boolean replayed) {
    }

    /**
     * Places a bid. Bids on one lot go through its lane in this process one at a time ({@link AuctionLanes}): a bid
     * the lot as last written refuses for good (too low, off the increment, no deposit) is answered without waiting
     * or writing; one that may win waits its turn, is judged on the state the previous bid left, and is accepted or
     * refused by the store in one conditional update, which stays the guarantee against every other writer (another
     * replica, the sweep closing the auction). A bid refused by that write is judged again on a fresh read.
     *
     * <p>Round trips: one for a bid accepted; one for a bid refused (a look for the request's own earlier bid, since a
     * retried request finds its accepted bid instead of bidding twice); none for a retry of a bid accepted here.
     */
    public Placed bid(CallerIdentity caller, String lotId, long amountFen, String idempotencyKey) {
        if (!caller.is(Role.PARTNER) || caller.institutionId() == null) {
            findForBidding(lotId);
            throw ApiProblem.forbidden("bids are placed by partners for their institutions, once registered and "
                    + "their deposit paid");
        }
        String requestKey = caller.clientId() + "/" + idempotencyKey;
        AuctionLanes.Lane lane = lanes.find(lotId).orElse(null);
        if (lane == null) {
            Lot lot = findForBidding(lotId);
            if (isDue(lot, clock.instant()) && advanceQuietly(lotId)) {
                lot = findForBidding(lotId);
            }
            if (lot.status() != LotStatus.AUCTION) {
                return refused(caller, lotId, lot, amountFen, requestKey, idempotencyKey);
            }
            lane = lanes.open(lot);
        }
        Optional<Bid> placedHere = lane.acceptedHere(requestKey);
        if (placedHere.isPresent()) {
            return replayed(caller, lane.lot(), placedHere.get(), amountFen, idempotencyKey);
        }
        try {
            lane.lot().checkBid(caller.institutionId(), amountFen, clock.instant());
        } catch (BidRefused refused) {
            if (isFinal(refused)) {
                return refusedFor(caller, lotId, lane.lot(), refused, amountFen, requestKey, idempotencyKey);
            }
        }
        AuctionLanes.Queued mine = lane.enqueue(caller.institutionId(), caller.clientId(), amountFen, requestKey);
        AuctionLanes.Outcome outcome = awaitTurn(lane, mine);
        if (outcome.accepted() != null) {
            return new Placed(outcome.accepted(), shown(caller, outcome.lot()), false);
        }
        if (outcome.refusal() != null) {
            return refusedFor(caller, lotId, outcome.lot(), outcome.refusal(), amountFen, requestKey,
                    idempotencyKey);
        }
        return bidAlone(caller, lane, amountFen, requestKey, idempotencyKey);
    }

    /** The most queued bids one write takes. */
    static final int MAX_BATCH = 64;

    /**
     * Waits until a write has answered the queued bid; whoever finds the lane free takes every bid queued by then
     * (group commit). A writer looks at the queue again after letting the lane go, so a bid queued while it wrote,
     * whose own thread found the lane taken, is never left waiting: that thread sleeps until its answer comes.
     */
    private AuctionLanes.Outcome awaitTurn(AuctionLanes.Lane lane, AuctionLanes.Queued mine) {
        while (true) {
            AuctionLanes.Outcome outcome = mine.outcome().getNow(null);
            if (outcome != null) {
                return outcome;
            }
            if (lane.tryLock()) {
                do {
                    try {
                        for (List<AuctionLanes.Queued> batch = lane.takeQueued(MAX_BATCH); !batch.isEmpty();
                                batch = lane.takeQueued(MAX_BATCH)) {
                            commit(lane, batch);
                        }
                    } finally {
                        lane.unlock();
                    }
                } while (lane.hasQueued() && lane.tryLock());
                continue;
            }
            try {
                // The writer at work answers it, or looks at the queue once done; the timeout is only a safety net.
                return mine.outcome().get(QUEUED_SAFETY_NET.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillQueued) {
                // Look again.
            } catch (ExecutionException failed) {
                throw failed.getCause() instanceof RuntimeException r ? r : new IllegalStateException(failed);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }

    private static final java.time.Duration QUEUED_SAFETY_NET = java.time.Duration.ofMillis(200);

    /**
     * Judges the queued bids in the order they came against the lot as the last write left it, each against the
     * ones before it, and writes those that stand in one conditional update. Refusals are answered once the write
     * stood (a bid refused as too low under one that was not written would be refused wrongly). If the write is
     * refused, the bids are judged again on a fresh read; refused twice, each goes on alone.
     */
    private void commit(AuctionLanes.Lane lane, List<AuctionLanes.Queued> batch) {
        try {
            for (int attempt = 0; attempt < 2; attempt++) {
                Lot lot = lane.lot();
                Instant now = clock.instant();
                long nextMinimum = lot.nextMinimumFen();
                int count = lot.bidCount();
                List<AuctionLanes.Queued> taken = new ArrayList<>();
                List<Bid> bids = new ArrayList<>();
                Map<AuctionLanes.Queued, BidRefused> refused = new java.util.HashMap<>();
                boolean closed = false;
                for (AuctionLanes.Queued q : batch) {
                    try {
                        lot.checkBid(q.institutionId(), q.amountFen(), now, nextMinimum, count);
                    } catch (BidRefused refusal) {
                        closed |= !isFinal(refusal);
                        refused.put(q, refusal);
                        continue;
                    }
                    Bid bid = lot.bidOf(q.institutionId(), q.clientId(), q.amountFen(), now, q.requestKey());
                    taken.add(q);
                    bids.add(bid);
                    nextMinimum = q.amountFen() + lot.terms().incrementFen();
                    count++;
                }
                if (closed && attempt == 0) {
                    // The close moves only later, and only a fresh read shows another writer's move.
                    refreshed(lane, findForBidding(lot.id()));
                    continue;
                }
                if (bids.isEmpty()) {
                    refused.forEach((q, refusal) -> q.outcome().complete(new AuctionLanes.Outcome(null, lot,
                            refusal)));
                    return;
                }
                Optional<Lot.BidState> after = lots.placeBids(lot, bids, lot.terms().incrementFen(),
                        lot.terms().antiSniping());
                if (after.isEmpty()) {
                    // Another writer came first, or a request's key placed a bid already (a retry elsewhere).
                    refreshed(lane, findForBidding(lot.id()));
                    continue;
                }
                Lot last = lot.afterBid(after.get());
                int first = after.get().bidCount() - bids.size() + 1;
                Lot before = lot;
                for (int i = 0; i < bids.size(); i++) {
                    Bid bid = bids.get(i);
                    Lot afterThis = lot.afterBid(new Lot.BidState(bid.amountFen(),
                            bid.amountFen() + lot.terms().incrementFen(), bid.institutionId(),
                            after.get().closesAt(), first + i, after.get().version()));
                    lane.accepted(bid, before, afterThis);
                    before = afterThis;
                    log.debug("lot {}: {} bid {} yuan", lot.id(), bid.pseudonym(), Yuan.of(bid.amountFen()));
                    taken.get(i).outcome().complete(new AuctionLanes.Outcome(bid, afterThis, null));
                }
                lane.refresh(last);
                lanes.changed(lot.id());
                refused.forEach((q, refusal) -> q.outcome().complete(new AuctionLanes.Outcome(null, last, refusal)));
                return;
            }
            batch.forEach(q -> q.outcome().complete(new AuctionLanes.Outcome(null, null, null)));
        } catch (RuntimeException failed) {
            batch.forEach(q -> q.outcome().completeExceptionally(failed));
        }
    }

    /**
     * A bid taken on its own, after a write of its batch was refused twice: judged on a fresh read of the lot, and
     * written alone, with the request's own earlier bid looked for when the store refuses it.
     */
    private Placed bidAlone(CallerIdentity caller, AuctionLanes.Lane lane, long amountFen, String requestKey,
            String idempotencyKey) {
        String lotId = lane.lot().id();
        BidRefused refusal = null;
        lane.lock();
        try {
            boolean reread = false;
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                Lot lot = lane.lot();
                Instant now = clock.instant();
                try {
                    lot.checkBid(caller.institutionId(), amountFen, now);
                } catch (BidRefused refused) {
                    if (!isFinal(refused) && !reread) {
                        refreshed(lane, findForBidding(lotId));
                        reread = true;
                        continue;
                    }
                    refusal = refused;
                    break;
                }
                Bid bid = lot.bidOf(caller.institutionId(), caller.clientId(), amountFen, now, requestKey);
                Optional<Lot> after = lots.placeBids(lot, List.of(bid), lot.terms().incrementFen(),
                        lot.terms().antiSniping()).map(lot::afterBid);
                if (after.isPresent()) {
                    lane.accepted(bid, lot, after.get());
                    lane.refresh(after.get());
                    lanes.changed(lotId);
                    return new Placed(bid, shown(caller, after.get()), false);
                }
                // Another writer came first, or this request's key placed a bid already (a retry elsewhere).
                Optional<Bid> mine = lots.findBid(lotId, requestKey);
                if (mine.isPresent()) {
                    return replayed(caller, lane.lot(), mine.get(), amountFen, idempotencyKey);
                }
                refreshed(lane, findForBidding(lotId));
                reread = true;
            }
        } finally {
            lane.unlock();
        }
        if (refusal == null) {
            throw ApiProblem.conflict("concurrent-change", "Concurrent change", "lot " + lotId + " is taking many "
                    + "bids at once; look at the current top bid and bid again");
        }
        return refusedFor(caller, lotId, lane.lot(), refusal, amountFen, requestKey, idempotencyKey);
    }

    /**
     * Refusals that no later state of a lot at auction can lift: the top only rises, and the terms and who qualified
     * no longer change. A bid the close refused is judged again on a fresh read: another writer may have moved it.
     */
    private static boolean isFinal(BidRefused refused) {
        return refused.reason() != BidRefused.Reason.CLOSED;
    }

    private void refreshed(AuctionLanes.Lane lane, Lot read) {
        lane.refresh(read);
        if (read.status() != LotStatus.AUCTION) {
            lanes.close(read.id());
            lanes.changed(read.id());
        }
    }

    /** The answer to a bid {@code lot} does not take, unless the request placed a bid before (then that bid). */
    private Placed refused(CallerIdentity caller, String lotId, Lot lot, long amountFen, String requestKey,
            String idempotencyKey) {
        try {
            lot.checkBid(caller.institutionId(), amountFen, clock.instant());
        } catch (BidRefused refused) {
            return refusedFor(caller, lotId, lot, refused, amountFen, requestKey, idempotencyKey);
        }
        throw new IllegalStateException("lot " + lotId + " is " + lot.status() + " and took a bid check");
    }

    private Placed refusedFor(CallerIdentity caller, String lotId, Lot lot, BidRefused refused, long amountFen,
            String requestKey, String idempotencyKey) {
        Optional<Bid> mine = lots.findBid(lotId, requestKey);
        if (mine.isPresent()) {
            return replayed(caller, lot, mine.get(), amountFen, idempotencyKey);
        }
        throw refusal(refused);
    }

    private Placed replayed(CallerIdentity caller, Lot lot, Bid earlier, long amountFen, String key) {
        if (earlier.amountFen() != amountFen) {
            throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '" + key
                    + "' already placed a bid of " + Yuan.of(earlier.amountFen()) + " yuan on lot " + lot.id());
        }
        return new Placed(earlier, shown(caller, lot), true);
    }

    private static ApiProblem refusal(BidRefused refused) {
        return switch (refused.reason()) {
            case NO_DEPOSIT -> ApiProblem.forbidden(refused.getMessage());
            case OFF_INCREMENT -> ApiProblem.invalid("off-increment", "Not a whole increment", refused.getMessage());
            case TOO_LOW -> ApiProblem.conflict("bid-too-low", "Bid too low", refused.getMessage());
            case CLOSED -> ApiProblem.conflict("auction-closed", "Auction closed", refused.getMessage());
            case NOT_IN_AUCTION -> ApiProblem.conflict("not-in-auction", "Not at auction", refused.getMessage());
            case TOO_MANY_BIDS -> ApiProblem.conflict("too-many-bids", "Too many bids", refused.getMessage());
        };
    }

    // ---------------------------------------------------------------- objections

    /**
     * Files an objection (异议) to a deal in publication. Partners, finance institutions and brokers may object: a
     * publication is a public notice; operators decide objections and do not file them.
     */
    public Objection fileObjection(CallerIdentity caller, String lotId, String reason) {
        if (!mayObject(caller)) {
            find(lotId);
            throw ApiProblem.forbidden("objections are filed by partners, finance institutions and brokers; "
                    + "operators decide them");
        }
        Objection[] filed = new Objection[1];
        change(caller, lotId, lot -> {
            filed[0] = lot.fileObjection(caller.clientId(), reason, clock.instant());
            log.info("lot {}: objection {} filed by {}", lotId, filed[0].number(), caller.clientId());
            return true;
        });
        return filed[0];
    }

    /** An operator upholds (the deal is annulled) or dismisses an objection. */
    public Shown decideObjection(CallerIdentity caller, String lotId, int number, boolean upheld, String note) {
        if (!caller.is(Role.OPERATOR)) {
            find(lotId);
            throw ApiProblem.forbidden("objections are decided by the platform's operators");
        }
        return change(caller, lotId, lot -> {
            lot.decideObjection(number, upheld, caller.clientId(), note, clock.instant());
            log.info("lot {}: objection {} {} by {}", lotId, number, upheld ? "upheld, deal annulled" : "dismissed",
                    caller.clientId());
            return true;
        });
    }

    // ---------------------------------------------------------------- the steps time takes

    /**
     * Takes every step due on the lot: the end of its listing period, its auction's close, the end of its
     * publication period, and then moving the achievement. Each is one write of the lot under its version, so two
     * sweeps (or a sweep and a request) taking the same step write it once, and a crash between two steps leaves the
     * lot in a state the next sweep resumes from.
     *
     * @return whether anything changed
     */
    public boolean advance(String lotId) {
        boolean changedAny = false;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Lot lot = lots.findById(lotId).orElse(null);
            if (lot == null) {
                return changedAny;
            }
            Instant now = clock.instant();
            boolean changed = lot.advance(now, policy.publicationPeriod());
            if (!changed && lot.isReadyToFinalise(now)) {
                changed = lot.finalise(party(lot.ownerInstitutionId()), party(lot.buyerInstitutionId()), now);
            }
            if (!changed && lot.status() == LotStatus.FINAL && !lot.isAchievementMoved()) {
                // The achievement's write comes first and is idempotent: a crash before the lot's flag is written
                // only repeats a step that then changes nothing.
                catalog.underNegotiationForDeal(lot.achievementId(), lot.id());
                lot.achievementMoved();
                changed = true;
            }
            if (!changed) {
                return changedAny;
            }
            try {
                aggregates.save(lot);
                changedAny = true;
                if (lot.status() != LotStatus.AUCTION) {
                    lanes.close(lotId);
                }
                lanes.changed(lotId);
                log.info("lot {} is {}{}", lotId, lot.status(), lot.status() == LotStatus.UNSOLD
                        ? " (" + lot.unsoldReason() + ")" : "");
            } catch (OptimisticLockingFailureException raced) {
                // A bid or another sweep wrote first: look again at what is due now.
            }
        }
        return changedAny;
    }

    /**
     * Takes a due step on behalf of a request, so that it acts on the lot as it is now; a failure is left to the sweep,
     * which retries, and the request goes on with the lot as stored.
     */
    private boolean advanceQuietly(String lotId) {
        try {
            return advance(lotId);
        } catch (RuntimeException failed) {
            log.warn("lot {}: due step failed, left to the sweep: {}", lotId, failed.toString());
            return false;
        }
    }

    /** The lots with a step due at {@code now}, oldest due first. */
    List<String> due(Instant now, int limit) {
        Query query = Query.query(new Criteria().orOperator(
                Criteria.where("status").in(LotStatus.REGISTRATION.name(), LotStatus.AUCTION.name())
                        .and("dueAt").lte(now),
                Criteria.where("status").is(LotStatus.PUBLICATION.name()).and("pendingObjections").is(0)
                        .and("dueAt").lte(now),
                Criteria.where("status").is(LotStatus.FINAL.name()).and("achievementMoved").is(false)))
                .with(Sort.by("dueAt")).limit(limit);
        query.fields().include("_id");
        return mongo.find(query, org.bson.Document.class, "lots").stream().map(d -> d.getString("_id")).toList();
    }

    private static boolean isDue(Lot lot, Instant now) {
        return lot.dueAt() != null && !now.isBefore(lot.dueAt()) && ACTIVE.contains(lot.status());
    }

    private DealFinalised.Party party(String institutionId) {
        return institutions.findById(institutionId)
                .map(i -> new DealFinalised.Party(i.id(), i.name(), i.creditCode(), i.regionCode(),
                        i.type().isPublicResearchBody()))
                .orElse(new DealFinalised.Party(institutionId, null, null, null, null));
    }

    // ---------------------------------------------------------------- statistics

    /** One row of the trading statistics: lots of one industry chain or one release session. */
    public record Figures(String key, long lots, long decided, long sold, BigDecimal soldRate,
            BigDecimal startingPriceYuan, BigDecimal finalPriceYuan, BigDecimal premiumPercent) {
    }

    /** What the statistics are grouped by. */
    public enum Grouping { CHAIN, SESSION }

    /**
     * Lots, how many were decided and sold, the sold rate, and the premium of the final prices over the starting
     * prices of the sold lots, by industry chain or by release session (lots sold in none are under "none"). For the
     * operators' dashboards. The store sums them (one group per key and status), so what this process holds is a row
     * per key and status however many lots history holds.
     */
    public List<Figures> statistics(CallerIdentity caller, Grouping grouping) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("trading statistics are for the platform's operators");
        }
        String field = grouping == Grouping.CHAIN ? "industryChain" : "sessionId";
        Aggregation sums = Aggregation.newAggregation(
                Aggregation.group(field, "status").count().as("lots")
                        .sum("terms.startingPriceFen").as("startingFen").sum("priceFen").as("priceFen"));
        Map<String, Tally> tallies = new TreeMap<>();
        for (org.bson.Document row : mongo.aggregate(sums, "lots", org.bson.Document.class)) {
            Object id = row.get("_id");
            org.bson.Document group = id instanceof org.bson.Document d ? d : new org.bson.Document();
            Object key = group.get(field);
            LotStatus status = LotStatus.valueOf(group.getString("status"));
            tallies.computeIfAbsent(key == null ? "none" : key.toString(), k -> new Tally())
                    .add(status, number(row.get("lots")), number(row.get("startingFen")), number(row.get("priceFen")));
        }
        List<Figures> rows = new ArrayList<>();
        tallies.forEach((k, t) -> rows.add(t.figures(k)));
        return rows;
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    /** The sums of one key: lots, decided, sold, and the starting and final prices of those sold, in fen. */
    private static final class Tally {
        long lots;
        long decided;
        long sold;
        long startingFen;
        long finalFen;

        void add(LotStatus status, long count, long startingSum, long priceSum) {
            lots += count;
            if (!ACTIVE.contains(status) || status == LotStatus.PUBLICATION) {
                decided += count;
            }
            if (status == LotStatus.PUBLICATION || status == LotStatus.FINAL) {
                sold += count;
                startingFen += startingSum;
                finalFen += priceSum;
            }
        }

        Figures figures(String key) {
            return new Figures(key, lots, decided, sold,
                    decided == 0 ? null : BigDecimal.valueOf(sold).divide(BigDecimal.valueOf(decided), 4,
                            RoundingMode.HALF_UP),
                    Yuan.of(startingFen), Yuan.of(finalFen),
                    startingFen == 0 ? null : BigDecimal.valueOf(finalFen - startingFen).multiply(BigDecimal.valueOf(100))
                            .divide(BigDecimal.valueOf(startingFen), 1, RoundingMode.HALF_UP));
        }
    }

    // ---------------------------------------------------------------- who may

    /** The owner's transfer office, the sub-center of the achievement's league-city, and the operators. */
    static boolean mayList(CallerIdentity caller, String ownerInstitutionId, String regionCode) {
        return manages(caller, ownerInstitutionId, regionCode);
    }

    /** Those who list a lot see who its bidders are; everyone else sees pseudonyms. */
    static boolean manages(CallerIdentity caller, String ownerInstitutionId, String regionCode) {
        return caller.is(Role.OPERATOR)
                || (caller.is(Role.PARTNER) && ownerInstitutionId.equals(caller.institutionId()))
                || (caller.is(Role.SUB_CENTER) && regionCode != null && regionCode.equals(caller.regionCode()));
    }

    /**
     * Buyers are partners acting for an institution other than the owner, registered in the catalog when the lot
     * names conditions (a league-city, a kind of institution) and meeting them.
     */
    void mayRegister(CallerIdentity caller, Lot lot) {
        if (!caller.is(Role.PARTNER) || caller.institutionId() == null) {
            throw ApiProblem.forbidden("buyers register as partners acting for their institution; a "
                    + caller.role() + " client " + caller.clientId() + " does not buy");
        }
        if (caller.institutionId().equals(lot.ownerInstitutionId())) {
            throw ApiProblem.forbidden("institution " + caller.institutionId() + " owns the achievement of lot "
                    + lot.id() + " and does not buy it");
        }
        LotTerms terms = lot.terms();
        if (terms.buyerRegions().isEmpty() && terms.buyerTypes().isEmpty()) {
            return;
        }
        Institution buyer = institutions.findById(caller.institutionId()).orElseThrow(() -> ApiProblem.forbidden(
                "lot " + lot.id() + " sets conditions on its buyers; institution " + caller.institutionId()
                        + " must be registered in the catalog for them to be checked"));
        if (!terms.buyerRegions().isEmpty() && !terms.buyerRegions().contains(buyer.regionCode())) {
            throw ApiProblem.forbidden("lot " + lot.id() + " is sold to buyers of the league-cities "
                    + terms.buyerRegions() + "; institution " + buyer.id() + " is in " + buyer.regionCode());
        }
        if (!terms.buyerTypes().isEmpty() && !terms.buyerTypes().contains(buyer.type())) {
            throw ApiProblem.forbidden("lot " + lot.id() + " is sold to " + terms.buyerTypes() + "; institution "
                    + buyer.id() + " is " + buyer.type());
        }
    }

    static boolean mayObject(CallerIdentity caller) {
        return caller.is(Role.PARTNER) || caller.is(Role.FINANCE_INSTITUTION) || caller.is(Role.BROKER);
    }

    // ---------------------------------------------------------------- plumbing

    private Shown shown(CallerIdentity caller, Lot lot) {
        return new Shown(lot, manages(caller, lot.ownerInstitutionId(), lot.regionCode()),
                caller.is(Role.PARTNER) ? caller.institutionId() : null);
    }

    private Lot find(String lotId) {
        return (lotId != null && lotId.matches(LotId.PATTERN) ? lots.findById(lotId) : Optional.<Lot>empty())
                .orElseThrow(() -> ApiProblem.notFound("lot", lotId));
    }

    private Lot findForBidding(String lotId) {
        return (lotId != null && lotId.matches(LotId.PATTERN) ? lots.findForBidding(lotId) : Optional.<Lot>empty())
                .orElseThrow(() -> ApiProblem.notFound("lot", lotId));
    }

    /** A step of the lot that may race with other writers: taken on the fresh lot until its write lands. */
    private Shown change(CallerIdentity caller, String lotId, Predicate<Lot> step) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Lot lot = find(lotId);
            if (isDue(lot, clock.instant()) && advanceQuietly(lotId)) {
                lot = find(lotId);
            }
            try {
                if (!step.test(lot)) {
                    return shown(caller, lot);
                }
                return shown(caller, aggregates.save(lot));
            } catch (InvalidTerms invalid) {
                throw invalid(invalid);
            } catch (StepRefused.NotFound missing) {
                throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", missing.getMessage());
            } catch (StepRefused refused) {
                throw ApiProblem.conflict(refused.slug(), "Step not allowed", refused.getMessage());
            } catch (OptimisticLockingFailureException raced) {
                // Another writer of the lot came first: apply the step to what is there now.
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change", "lot " + lotId + " is being written by "
                + "many requests at once; retry shortly");
    }

    private static ApiProblem invalid(InvalidTerms invalid) {
        return ApiProblem.invalid("invalid-" + invalid.field().replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(),
                "Invalid " + invalid.field(), invalid.getMessage());
    }
}
