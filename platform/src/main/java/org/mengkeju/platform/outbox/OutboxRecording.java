package org.mengkeju.platform.outbox;

import org.bson.Document;
import org.slf4j.MDC;
import org.springframework.data.mongodb.core.mapping.event.AfterConvertCallback;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveCallback;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertCallback;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveCallback;

/**
 * Turns the events an aggregate recorded into outbox entries when it is inserted, leases the document to the relay
 * running here in the same insert ({@link OutboxSignal#leaseFor}), and wakes the relay after the write. The request id and the trace that caused the events are read here and only here, from the logging context
 * the web layer, the tracer and the event listeners set.
 */
public class OutboxRecording implements BeforeConvertCallback<OutboxAggregate>, BeforeSaveCallback<OutboxAggregate>,
        AfterSaveCallback<OutboxAggregate>, AfterConvertCallback<OutboxAggregate> {

    private final OutboxSignal signal;

    public OutboxRecording(OutboxSignal signal) {
        this.signal = signal;
    }

    /** The request being served on this thread, if any: the one place events learn what caused them. */
    public static String currentRequestId() {
        return MDC.get(PendingEvent.REQUEST_ID_MDC);
    }

    /**
     * The W3C trace context of the span in scope on this thread, if any, from the logging context the tracer keeps
     * ({@code traceId}, {@code spanId}): the event's consumers continue this trace.
     */
    public static String currentTraceparent() {
        return Traceparent.of(MDC.get("traceId"), MDC.get("spanId"));
    }

    @Override
    public OutboxAggregate onBeforeConvert(OutboxAggregate aggregate, String collection) {
        if (aggregate.isLoaded()) {
            // A replace would write back the pending events as they were read, after the relay may have pulled them.
            throw new IllegalStateException(aggregate.getClass().getSimpleName() + " in " + collection
                    + " is changed through OutboxAggregates.save, never replaced whole");
        }
        aggregate.stampForInsert(currentRequestId(), currentTraceparent());
        return aggregate;
    }

    @Override
    public OutboxAggregate onBeforeSave(OutboxAggregate aggregate, Document document, String collection) {
        if (aggregate.hasPendingEvents()) {
            Document lease = signal.leaseFor(collection, java.time.Instant.now());
            if (lease != null) {
                document.put(OutboxRelay.LEASE, lease);
            }
        }
        return aggregate;
    }

    @Override
    public OutboxAggregate onAfterConvert(OutboxAggregate aggregate, Document document, String collection) {
        aggregate.markLoaded();
        aggregate.remember(document);
        return aggregate;
    }

    @Override
    public OutboxAggregate onAfterSave(OutboxAggregate aggregate, Document document, String collection) {
        aggregate.remember(document);
        if (aggregate.hasPendingEvents()) {
            signal.wake();
        }
        return aggregate;
    }
}
