package org.mengkeju.matching.demand;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The demands collection: reads and the first insert. A change to a stored demand goes through the platform's
 * {@code OutboxAggregates.save}: one update under the version check that also appends the events it recorded.
 */
public interface Demands extends MongoRepository<Demand, String> {

    Optional<Demand> findByCreatedByAndIdempotencyKey(String createdBy, String idempotencyKey);

    /** Open demands whose deadline's local day is over; the expiry sweep's work list, oldest deadline first. */
    List<Demand> findByStatusAndTriageNotAndExpiresAtLessThanEqualOrderByExpiresAtAsc(DemandStatus status,
            Triage exempt, Instant now, Pageable page);

    List<Demand> findByStatus(DemandStatus status);
}
