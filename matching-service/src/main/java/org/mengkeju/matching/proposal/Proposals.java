package org.mengkeju.matching.proposal;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/** The proposals collection: reads and the first insert; a change goes through {@code OutboxAggregates.save}. */
public interface Proposals extends MongoRepository<Proposal, String> {

    Optional<Proposal> findByDemandIdAndAchievementId(String demandId, String achievementId);

    List<Proposal> findByDemandIdAndIdGreaterThanOrderByIdAsc(String demandId, String after, Pageable page);
}
