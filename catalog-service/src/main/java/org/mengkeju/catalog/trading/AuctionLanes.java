package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.stereotype.Component;

/**
 * The lots at auction this process takes bids for, one lane each (竞价通道): the bids of one lot go through its lane
 * one at a time, in the order they arrive, so that of 64 bidders racing for one lot only one at a time writes it and
 * the others are judged on the state that write left instead of losing a race in the store and trying again. The
 * store's conditional write stays the guarantee (another replica, the sweep, a retried request all meet there); the
 * lane only keeps this process from racing itself.
 *
 * <p>A lane also remembers what the lot's watchers need without a read: the lot as its last write left it, the request
 * keys whose bids were accepted here, and the latest accepted bids with the close each left.
 */
@Component
class AuctionLanes {

    /** Lanes kept at most; beyond, the oldest are dropped (a read of the lot opens one again). */
    static final int MAX_LANES = 10_000;
    /** Accepted bids a lane keeps for watchers; one further behind reads the lot's history. */
    static final int RECENT = 1_024;

    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** Per lot, a signal that something changed, for its watchers; kept while a watcher waits on it. */
    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    /** The lane of a lot at auction, if this process has one open. */
    Optional<Lane> find(String lotId) {
        return Optional.ofNullable(lanes.get(lotId));
    }

    /** The lane of {@code lot}, opened from it unless one is open already. */
    Lane open(Lot lot) {
        if (lanes.size() >= MAX_LANES) {
            // A lane dropped while in use only costs its next bid a lost race in the store, never a wrong answer.
            lanes.clear();
        }
        return lanes.computeIfAbsent(lot.id(), id -> new Lane(lot));
    }

    void close(String lotId) {
        lanes.remove(lotId);
    }

    /** Something about the lot changed (a bid, its close): its watchers look again. */
    void changed(String lotId) {
        Signal signal = signals.get(lotId);
        if (signal != null) {
            signal.fire();
        }
    }

    /** The signal a watcher of {@code lotId} waits on; {@link #release} when it stops. */
    Signal watch(String lotId) {
        Signal signal = signals.computeIfAbsent(lotId, id -> new Signal());
        signal.watchers++;
        return signal;
    }

    void release(String lotId, Signal signal) {
        signals.computeIfPresent(lotId, (id, s) -> --s.watchers <= 0 ? null : s);
    }

    /** A change counter watchers wait on, without holding a thread's carrier while they wait. */
    static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition changed = lock.newCondition();
        private long changes;
        private int watchers;

        void fire() {
            lock.lock();
            try {
                changes++;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }

        long changes() {
            lock.lock();
            try {
                return changes;
            } finally {
                lock.unlock();
            }
        }

        /** Waits until the count moves past {@code seen} or {@code atMost} passes; whether it moved. */
        boolean awaitAfter(long seen, Duration atMost) throws InterruptedException {
            long nanos = atMost.toNanos();
            lock.lock();
            try {
                while (changes == seen && nanos > 0) {
                    nanos = changed.awaitNanos(nanos);
                }
                return changes != seen;
            } finally {
                lock.unlock();
            }
        }
    }

    /** A bid waiting in its lot's lane for a write, and what the write made of it. */
    record Queued(String institutionId, String clientId, long amountFen, String requestKey,
            CompletableFuture<Outcome> outcome) {
    }

    /**
     * What a write made of a queued bid: accepted (the bid, and the lot right after it), refused (the rule, and the lot
     * it was judged on), or neither: the bid goes on alone.
     */
    record Outcome(Bid accepted, Lot lot, BidRefused refusal) {
    }

    /** An accepted bid with its number in the lot's history and the close before and after it. */
    record Numbered(int number, Bid bid, Instant closesBefore, Instant closesAfter) {
    }

    /** One lot's lane. */
    static final class Lane {
        /** Fair: bids are taken in the order they arrive, which keeps the slowest wait short. */
        private final ReentrantLock lock = new ReentrantLock(true);
        private volatile Lot lot;
        private final Map<String, Bid> acceptedHere = new ConcurrentHashMap<>();
        private final ArrayDeque<Numbered> recent = new ArrayDeque<>();
        private final ConcurrentLinkedQueue<Queued> queue = new ConcurrentLinkedQueue<>();

        Lane(Lot lot) {
            this.lot = lot;
        }

        /** The lot as last known here, without its history. */
        Lot lot() {
            return lot;
        }

        void lock() {
            lock.lock();
        }

        boolean tryLock() {
            return lock.tryLock();
        }

        /** Queues a bid for the next write of this lot. */
        Queued enqueue(String institutionId, String clientId, long amountFen, String requestKey) {
            Queued queued = new Queued(institutionId, clientId, amountFen, requestKey, new CompletableFuture<>());
            queue.add(queued);
            return queued;
        }

        boolean hasQueued() {
            return !queue.isEmpty();
        }

        /** The bids queued longest, at most {@code max}, in the order they came. */
        List<Queued> takeQueued(int max) {
            List<Queued> taken = new ArrayList<>();
            for (Queued q = queue.poll(); q != null; q = taken.size() < max - 1 ? queue.poll() : null) {
                taken.add(q);
            }
            return taken;
        }

        void unlock() {
            lock.unlock();
        }

        /** The lot as read from the store. */
        void refresh(Lot read) {
            this.lot = read;
        }

        /** A bid accepted by the store's write, which left {@code after}; called holding the lane. */
        Numbered accepted(Bid bid, Lot before, Lot after) {
            acceptedHere.put(bid.requestKey(), bid);
            this.lot = after;
            boolean followsOn = after.bidCount() == before.bidCount() + 1;
            Numbered numbered = new Numbered(after.bidCount(), bid, followsOn ? before.closesAt() : null,
                    after.closesAt());
            synchronized (recent) {
                if (!recent.isEmpty() && recent.peekLast().number() != numbered.number() - 1) {
                    // Bids were accepted elsewhere in between: what is kept no longer runs on without a gap.
                    recent.clear();
                }
                if (recent.size() >= RECENT) {
                    recent.pollFirst();
                }
                recent.addLast(numbered);
            }
            return numbered;
        }

        /** The bid a request key placed through this lane, if any. */
        Optional<Bid> acceptedHere(String requestKey) {
            return Optional.ofNullable(acceptedHere.get(requestKey));
        }

        /**
         * The accepted bids after number {@code after} up to the latest this lane knows, when it holds every one of
         * them and the close before the first; empty when a read of the history is needed.
         */
        Optional<List<Numbered>> recentAfter(int after) {
            synchronized (recent) {
                if (recent.isEmpty()) {
                    return lot.bidCount() == after ? Optional.of(List.of()) : Optional.empty();
                }
                Numbered first = recent.peekFirst();
                Numbered last = recent.peekLast();
                if (last.number() != lot.bidCount() || after < first.number() - 1 || after > last.number()) {
                    return Optional.empty();
                }
                List<Numbered> wanted = recent.stream().filter(n -> n.number() > after).toList();
                if (!wanted.isEmpty() && wanted.getFirst().closesBefore() == null) {
                    return Optional.empty();
                }
                return Optional.of(wanted);
            }
        }
    }
}
