package org.mengkeju.catalog.trading;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * A lot's auction as it happens (竞价动态), for its watchers: the accepted bids by pseudonym, the moves of the close and
 * the close. Lots are public notices, so every identified caller may watch one; the events name bidders by their
 * pseudonyms to everyone (those who list the lot read the institutions from the lot itself).
 *
 * <p>A watcher on this replica learns of a bid accepted here at once, from the lot's lane, without a read. Bids
 * accepted by another replica and the sweep's close are found by a light read of the lot once per
 * {@link TradingPolicy#watchPoll()}; a watcher behind what the lane remembers reads the lot's history once.
 */
@Service
public class AuctionFeed {

    private static final Logger log = LoggerFactory.getLogger(AuctionFeed.class);
    /** The most events one answer of the JSON form holds; the next is asked for after the last. */
    static final int MAX_EVENTS = 1_000;

    private final Lots lots;
    private final AuctionLanes lanes;
    private final TradingPolicy policy;
    private final Clock clock;

    AuctionFeed(Lots lots, AuctionLanes lanes, TradingPolicy policy, Clock clock) {
        this.lots = lots;
        this.lanes = lanes;
        this.policy = policy;
        this.clock = clock;
    }

    /** Everyone identified watches a lot: an auction is public (公开竞价), its bidders pseudonymous. */
    static boolean mayWatch(CallerIdentity caller) {
        return caller != null;
    }

    /**
     * The lot's events after the one {@code lastEventId} names (from the start when null), at most
     * {@value #MAX_EVENTS}. A Last-Event-ID that is no id of a stream is a 400 naming it; an unknown lot a 404.
     */
    public List<AuctionEvent> after(CallerIdentity caller, String lotId, String lastEventId) {
        AuctionEvent.Position from = position(caller, lotId, lastEventId);
        List<AuctionEvent> events = fromHistory(read(lotId), from);
        return events.size() > MAX_EVENTS ? events.subList(0, MAX_EVENTS) : events;
    }

    /** Where a stream of the caller's starts; checks the caller, the lot and the Last-Event-ID before any event. */
    public Watch watch(CallerIdentity caller, String lotId, String lastEventId) {
        AuctionEvent.Position from = position(caller, lotId, lastEventId);
        read(lotId);
        return new Watch(lotId, from);
    }

    private AuctionEvent.Position position(CallerIdentity caller, String lotId, String lastEventId) {
        if (!mayWatch(caller)) {
            throw ApiProblem.forbidden("a lot's auction is watched by identified callers");
        }
        try {
            return AuctionEvent.Position.of(lastEventId);
        } catch (InvalidTerms invalid) {
            throw ApiProblem.invalid("invalid-last-event-id", "Invalid Last-Event-ID", invalid.getMessage());
        }
    }

    private Lot read(String lotId) {
        return (lotId != null && lotId.matches(LotId.PATTERN) ? lots.findById(lotId) : Optional.<Lot>empty())
                .orElseThrow(() -> ApiProblem.notFound("lot", lotId));
    }

    /** Where a watcher's stream goes; each method returns false when the watcher has gone. */
    public interface Sink {
        boolean send(AuctionEvent event) throws Exception;

        /** Says nothing but that the stream is alive (an SSE comment), so proxies on the way keep it open. */
        boolean keepAlive() throws Exception;
    }

    /** One watcher's stream of one lot, from a position on. */
    public final class Watch {
        private final String lotId;
        private AuctionEvent.Position at;

        private Watch(String lotId, AuctionEvent.Position from) {
            this.lotId = lotId;
            this.at = from;
        }

        /**
         * Sends the lot's events to {@code sink} as they happen, until the close is sent, the watcher goes, or
         * {@link TradingPolicy#watchLength()} has passed (a watcher then reconnects with the last id, as
         * EventSource does by itself). A stream silent for {@link TradingPolicy#watchHeartbeat()} gets a keep-alive.
         */
        public void follow(Sink sink) throws Exception {
            AuctionLanes.Signal signal = lanes.watch(lotId);
            Instant ends = clock.instant().plus(policy.watchLength());
            Instant lastSent = clock.instant();
            try {
                boolean signalled = true;
                while (true) {
                    long seen = signal.changes();
                    for (AuctionEvent event : next(signalled)) {
                        if (!sink.send(event)) {
                            return;
                        }
                        at = event.position();
                        lastSent = clock.instant();
                    }
                    if (at.isEnd() || !clock.instant().isBefore(ends)) {
                        return;
                    }
                    if (!clock.instant().isBefore(lastSent.plus(policy.watchHeartbeat()))) {
                        if (!sink.keepAlive()) {
                            return;
                        }
                        lastSent = clock.instant();
                    }
                    signalled = signal.awaitAfter(seen, policy.watchWait());
                }
            } finally {
                lanes.release(lotId, signal);
            }
        }

        /**
         * The events after {@link #at}: from the lane's memory when it holds them, else from the lot. Woken by no
         * signal (the poll), it first looks whether the stored lot moved: another replica's bids, the close.
         */
        private List<AuctionEvent> next(boolean signalled) {
            Optional<List<AuctionLanes.Numbered>> recent = lanes.find(lotId).flatMap(lane ->
                    // The bid at the position is asked for too while its extension may be still to send.
                    lane.recentAfter((int) Math.max(0, at.number() - (at.step() == 0 ? 1 : 0))));
            if (!signalled && !changedElsewhere()) {
                recent = recent.isPresent() ? recent : Optional.of(List.of());
            } else if (!signalled) {
                recent = Optional.empty();
            }
            if (recent.isPresent()) {
                List<AuctionEvent> events = new ArrayList<>();
                for (AuctionLanes.Numbered n : recent.get()) {
                    add(events, n.number(), n.bid(), n.closesBefore(), n.closesAfter());
                }
                return events.stream().filter(e -> e.position().compareTo(at) > 0).toList();
            }
            Optional<Lot> lot = lots.findById(lotId);
            if (lot.isEmpty()) {
                log.warn("lot {} was watched and is gone", lotId);
                at = AuctionEvent.Position.END;
                return List.of();
            }
            return fromHistory(lot.get(), at);
        }

        /** Whether the stored lot moved past what this watcher was sent (a light read, without the bids). */
        private boolean changedElsewhere() {
            Lot stored = lots.findForBidding(lotId).orElse(null);
            if (stored == null) {
                return true;
            }
            boolean open = stored.status() == LotStatus.REGISTRATION || stored.status() == LotStatus.AUCTION;
            return !open || stored.bidCount() > at.number();
        }
    }

    /** The lot's events after {@code from}, derived from its history. */
    static List<AuctionEvent> fromHistory(Lot lot, AuctionEvent.Position from) {
        List<AuctionEvent> events = new ArrayList<>();
        List<Bid> bids = lot.bids();
        // The close before the first bid is the one the terms set; each bid leaves the later of it and its own time
        // plus the window, as the store's conditional update does.
        Instant close = lot.terms().auctionEndsAt();
        for (int i = 0; i < bids.size(); i++) {
            Bid bid = bids.get(i);
            Instant after = later(close, bid.at().plus(lot.terms().antiSniping()));
            add(events, i + 1, bid, close, after);
            close = after;
        }
        if (lot.status() != LotStatus.REGISTRATION && lot.status() != LotStatus.AUCTION) {
            String winner = lot.buyerInstitutionId() == null ? null
                    : lot.participant(lot.buyerInstitutionId()).map(Participant::pseudonym).orElse(null);
            events.add(AuctionEvent.closed(lot, winner));
        }
        return events.stream().filter(e -> e.position().compareTo(from) > 0).toList();
    }

    private static void add(List<AuctionEvent> events, int number, Bid bid, Instant closesBefore,
            Instant closesAfter) {
        events.add(AuctionEvent.bid(number, bid, closesAfter));
        if (closesBefore != null && closesAfter.isAfter(closesBefore)) {
            events.add(AuctionEvent.extended(number, bid, closesAfter));
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
