package org.mengkeju.catalog.achievement;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The achievements collection: reads and the first insert. A change to a stored achievement goes through the
 * platform's {@code OutboxAggregates.save}, one update under the {@code @Version} check that appends the events the
 * transition recorded, so the transition and its events are written together or not at all.
 */
public interface Achievements extends MongoRepository<Achievement, String> {

    Optional<Achievement> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);

    /** A sub-center's listings by their sync keys, through the unique sync-key index. */
    List<Achievement> findBySyncKeyIn(Collection<String> syncKeys);
}
