package org.mengkeju.catalog.trading;

import java.util.Collection;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The lots collection: the first insert, reads, and the store's own acceptance of bids ({@link BidBook}). Every
 * other change is a step of {@link Lot} saved with the platform's {@code OutboxAggregates.save} under the version
 * check, with the events it recorded.
 */
public interface Lots extends MongoRepository<Lot, String>, BidBook {

    Optional<Lot> findByListedByAndIdempotencyKey(String listedBy, String idempotencyKey);

    boolean existsByAchievementIdAndStatusIn(String achievementId, Collection<LotStatus> statuses);

    Optional<Lot> findFirstByAchievementIdAndStatusIn(String achievementId, Collection<LotStatus> statuses);
}
