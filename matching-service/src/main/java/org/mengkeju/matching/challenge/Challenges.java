package org.mengkeju.matching.challenge;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The challenges collection: reads and the first insert; a change goes through {@code OutboxAggregates.save}, one
 * update under the version check with the events it recorded.
 */
public interface Challenges extends MongoRepository<Challenge, String> {

    Optional<Challenge> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);
}
