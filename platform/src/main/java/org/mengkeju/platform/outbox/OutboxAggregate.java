package org.mengkeju.platform.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.springframework.data.annotation.Transient;

/**
 * Base of an aggregate whose transitions cause events. A transition calls {@link #record}; the platform turns the
 * recorded events into outbox entries in the same single-document write as the state change: on insert through the
 * {@link OutboxRecording} callback, on a change through {@link OutboxAggregates#save}, which appends them with
 * {@code $push} instead of replacing the array, so events the relay already published and pulled out never come back.
 *
 * <p>The outbox fields ({@code pendingEvents}, {@code parkedEvents}, {@code outboxPendingSince}) belong to the
 * platform; the relay maintains them in place.
 */
public abstract class OutboxAggregate {

    /** Events waiting for Kafka; written on insert, then only by {@code $push} (save) and {@code $pull} (relay). */
    private List<PendingEvent> pendingEvents = new ArrayList<>();
    /** Events the relay gave up on; operators look at them (actuator endpoint {@code outbox}). */
    private List<ParkedEvent> parkedEvents;
    /** Time of the oldest pending event, absent when none is: the field the relay's sparse index is on. */
    private Instant outboxPendingSince;
    /** Recorded since the aggregate was loaded or created, not yet written. */
    @Transient
    private final List<PendingEvent> recorded = new ArrayList<>();
    /** Read from the store: a whole-document replace would bring back events the relay already pulled out. */
    @Transient
    private boolean loaded;
    /**
     * The document as this process last read or wrote it, so that a save writes only the fields that changed since:
     * the version check guarantees the stored fields are these when the save applies.
     */
    @Transient
    private org.bson.Document stored;

    /** Records an event keyed by {@code key}; the payload is checked against the contract's schema right here. */
    protected final <T> void record(EventContract<T> contract, String key, T payload, Instant time) {
        recorded.add(PendingEvent.of(contract, key, payload, time));
    }

    /** The events written but not yet published, followed by those recorded since; for the aggregate's tests. */
    protected List<PendingEvent> pendingEvents() {
        List<PendingEvent> all = new ArrayList<>(pendingEvents == null ? List.of() : pendingEvents);
        all.addAll(recorded);
        return List.copyOf(all);
    }

    /** Takes the recorded events, stamped with the request and trace that caused them, and forgets them. */
    List<PendingEvent> takeRecorded(String requestId, String traceparent) {
        List<PendingEvent> taken = recorded.stream().map(e -> e.causedBy(requestId, traceparent)).toList();
        recorded.clear();
        return taken;
    }

    /** For a new document: its recorded events become its pending events, in the same insert. */
    void stampForInsert(String requestId, String traceparent) {
        List<PendingEvent> taken = takeRecorded(requestId, traceparent);
        if (pendingEvents == null) {
            pendingEvents = new ArrayList<>();
        }
        pendingEvents.addAll(taken);
        outboxPendingSince = pendingEvents.stream().map(PendingEvent::time).min(Instant::compareTo).orElse(null);
    }

    void markLoaded() {
        loaded = true;
    }

    /** Remembers {@code document} as the stored form of this aggregate, read or just written. */
    void remember(org.bson.Document document) {
        stored = document;
    }

    /** The stored form last read or written by this process; null when not known. */
    org.bson.Document stored() {
        return stored;
    }

    boolean isLoaded() {
        return loaded;
    }

    boolean hasPendingEvents() {
        return pendingEvents != null && !pendingEvents.isEmpty();
    }

    boolean hasRecordedEvents() {
        return !recorded.isEmpty();
    }
}
