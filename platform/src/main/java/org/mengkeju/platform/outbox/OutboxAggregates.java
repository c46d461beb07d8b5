package org.mengkeju.platform.outbox;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.bson.Document;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Writes a change to a stored {@link OutboxAggregate} as one conditional update of its document: every field of the
 * aggregate is set, the {@code @Version} is checked and incremented, and the newly recorded events are appended with
 * {@code $push}. The relay's {@code $pull} of published events and this update touch the array element by element,
 * so whichever runs first, a published event is never written back. A save with new events also leases the document
 * to the relay running here, as an insert does ({@link OutboxRecording}).
 */
public class OutboxAggregates {

    /** Fields the platform maintains in place; a save never sets them from the (possibly stale) aggregate. */
    static final Set<String> OUTBOX_FIELDS = Set.of(OutboxRelay.PENDING_EVENTS, OutboxRelay.PARKED_EVENTS,
            OutboxRelay.PENDING_SINCE, OutboxRelay.LEASE);

    private final MongoTemplate mongo;
    private final OutboxSignal signal;

    public OutboxAggregates(MongoTemplate mongo, OutboxSignal signal) {
        this.mongo = mongo;
        this.signal = signal;
    }

    /**
     * Saves a change to a stored aggregate and the events it recorded, in one write.
     *
     * @throws OptimisticLockingFailureException when someone else changed it since it was read
     */
    public <T extends OutboxAggregate> T save(T aggregate) {
        MongoPersistentEntity<?> entity = mongo.getConverter().getMappingContext()
                .getRequiredPersistentEntity(aggregate.getClass());
        MongoPersistentProperty versionProperty = entity.getRequiredVersionProperty();
        PersistentPropertyAccessor<T> accessor = entity.getPropertyAccessor(aggregate);
        Object id = entity.getIdentifierAccessor(aggregate).getRequiredIdentifier();
        Number version = (Number) accessor.getProperty(versionProperty);
        if (version == null) {
            throw new IllegalArgumentException("a new " + entity.getType().getSimpleName() + " is inserted, not saved");
        }
        String collection = entity.getCollection();

        Document written = new Document();
        mongo.getConverter().write(aggregate, written);
        List<PendingEvent> events = aggregate.takeRecorded(OutboxRecording.currentRequestId(),
                OutboxRecording.currentTraceparent());
        List<Document> stored = events.stream().map(e -> (Document) mongo.getConverter().convertToMongoType(e))
                .toList();
        Criteria current = Criteria.where("_id").is(id).and(versionProperty.getFieldName()).is(version);
        Instant now = Instant.now();
        Document lease = events.isEmpty() ? null : signal.leaseFor(collection, now);
        boolean saved = false;
        if (lease != null) {
            // Leased to the relay here in the same write, unless another relay holds the document (it is publishing
            // its earlier events): then the plain write below, and that relay's settle leaves the new event pending.
            Update update = update(entity, written, aggregate.stored(), stored, events);
            update.set(OutboxRelay.LEASE, lease);
            Criteria leasable = OutboxRelay.leasableBy(lease.getString("owner"), Date.from(now),
                    signal.deadRelays());
            saved = mongo.updateFirst(Query.query(new Criteria().andOperator(current, leasable)), update, collection)
                    .getMatchedCount() > 0;
        }
        if (!saved && mongo.updateFirst(Query.query(current),
                update(entity, written, aggregate.stored(), stored, events), collection).getMatchedCount() == 0) {
            throw new OptimisticLockingFailureException(entity.getType().getSimpleName() + " " + id
                    + " was changed by someone else since version " + version);
        }
        accessor.setProperty(versionProperty, version.longValue() + 1);
        aggregate.remember(written);
        if (!events.isEmpty()) {
            signal.wake();
        }
        return accessor.getBean();
    }

    /**
     * The fields of the aggregate that differ from {@code before} set (or unset when absent), every field when
     * {@code before} is not known; the version incremented, the new events appended. The version check makes the
     * stored fields {@code before}'s when the update applies, so the fields left out are already as written.
     */
    private static Update update(MongoPersistentEntity<?> entity, Document written, Document before,
            List<Document> stored, List<PendingEvent> events) {
        MongoPersistentProperty versionProperty = entity.getRequiredVersionProperty();
        Update update = new Update();
        for (var field : written.entrySet()) {
            String name = field.getKey();
            if (!name.equals("_id") && !name.equals(versionProperty.getFieldName()) && !OUTBOX_FIELDS.contains(name)
                    && (before == null || !before.containsKey(name)
                            || !Objects.equals(before.get(name), field.getValue()))) {
                update.set(name, field.getValue());
            }
        }
        for (MongoPersistentProperty property : entity) {
            String name = property.getFieldName();
            if (!written.containsKey(name) && !property.isIdProperty() && !property.isVersionProperty()
                    && !OUTBOX_FIELDS.contains(name) && (before == null || before.containsKey(name))) {
                update.unset(name);
            }
        }
        update.inc(versionProperty.getFieldName(), 1);
        if (!events.isEmpty()) {
            update.push(OutboxRelay.PENDING_EVENTS).each(stored.toArray());
            Instant oldest = events.stream().map(PendingEvent::time).min(Instant::compareTo).orElseThrow();
            // The oldest pending time only goes down: an older event still in the array keeps its place in line.
            update.min(OutboxRelay.PENDING_SINCE, Date.from(oldest));
        }
        return update;
    }
}
