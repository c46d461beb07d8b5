package org.mengkeju.platform.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.bson.Document;

/**
 * Connects the local writes of events to the relay running in the same process: a write wakes it, so an event does
 * not wait for the next poll (many wake-ups before the relay looks collapse into one pass), and a write takes the
 * relay's lease on its document in the same write, so the relay need not claim the document again before it
 * publishes (see {@link OutboxRelay}).
 */
public class OutboxSignal {

    private final Semaphore permits = new Semaphore(0);
    private volatile LocalRelay local;
    /** Relays whose heartbeat stopped, as the local relay last found them: a write may take their leases. */
    private volatile Set<String> deadRelays = Set.of();

    /** The relay of this process: its lease owner, how long a lease lasts, the collections it publishes. */
    private record LocalRelay(String owner, Duration lease, Set<String> collections) {
    }

    public void wake() {
        if (permits.availablePermits() == 0) {
            permits.release();
        }
    }

    /** Waits for a wake-up or the timeout; returns whether it was woken. */
    boolean await(Duration timeout) throws InterruptedException {
        boolean woken = permits.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
        permits.drainPermits();
        return woken;
    }

    /** A relay started in this process; the first one started keeps the writes' leases (one relay per process). */
    synchronized void attach(String owner, Duration lease, Collection<String> collections) {
        if (local == null) {
            local = new LocalRelay(owner, lease, Set.copyOf(collections));
        }
    }

    /** The relay stopped: writes no longer lease their documents to it. */
    synchronized void detach(String owner) {
        if (local != null && local.owner().equals(owner)) {
            local = null;
        }
    }

    void deadRelays(Set<String> dead) {
        deadRelays = dead;
    }

    Set<String> deadRelays() {
        return deadRelays;
    }

    /**
     * The lease a write of new events to {@code collection} gives its document: held by the running local relay
     * from {@code now}; {@code null} when no relay runs here for that collection, so that no lease keeps the events
     * from a relay elsewhere.
     */
    Document leaseFor(String collection, Instant now) {
        LocalRelay relay = local;
        if (relay == null || !relay.collections().contains(collection)) {
            return null;
        }
        return OutboxRelay.lease(relay.owner(), Date.from(now.plus(relay.lease())));
    }
}
