package org.mengkeju.catalog.session;

import java.util.List;
import java.util.Optional;

import org.mengkeju.catalog.achievement.IndustryChain;
import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The release sessions collection: reads and the first insert; a change (an achievement put on the programme) goes
 * through the platform's {@code OutboxAggregates.save} with the events it recorded.
 */
public interface ReleaseSessions extends MongoRepository<ReleaseSession, String> {

    Optional<ReleaseSession> findByScheduledByAndIdempotencyKey(String scheduledBy, String idempotencyKey);

    List<ReleaseSession> findByIdGreaterThanOrderByIdAsc(String after, Pageable page);

    List<ReleaseSession> findByIndustryChainAndIdGreaterThanOrderByIdAsc(IndustryChain chain, String after,
            Pageable page);
}
