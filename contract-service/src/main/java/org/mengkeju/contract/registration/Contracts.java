package org.mengkeju.contract.registration;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The contracts collection: reads and the first insert. A change to a stored contract goes through the platform's
 * {@code OutboxAggregates.save}: one update under the version check that appends the events the step recorded.
 */
public interface Contracts extends MongoRepository<Contract, String> {

    Optional<Contract> findBySubmittedByAndIdempotencyKey(String submittedBy, String idempotencyKey);

    /** Contracts whose achievement check is due again, oldest due first. */
    List<Contract> findTop100ByAchievementCheckAndNextAchievementCheckAtLessThanEqualOrderByNextAchievementCheckAtAsc(
            AchievementCheckState state, Instant dueBy);

    List<Contract> findByStatus(ContractStatus status);
}
