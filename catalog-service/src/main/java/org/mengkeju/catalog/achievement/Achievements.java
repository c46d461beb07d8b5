package org.mengkeju.catalog.achievement;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The achievements collection. {@code save} replaces the whole document under the {@code @Version} check, so a
 * transition and the events it records are written together or not at all.
 */
public interface Achievements extends MongoRepository<Achievement, String> {

    Optional<Achievement> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);
}
