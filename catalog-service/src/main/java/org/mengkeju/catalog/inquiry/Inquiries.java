package org.mengkeju.catalog.inquiry;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Pageable;
import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The inquiries collection: reads and the first insert; a message added to a thread goes through the platform's
 * {@code OutboxAggregates.save} with the events it recorded. Pages run in id order, which is the order of arrival.
 */
public interface Inquiries extends MongoRepository<Inquiry, String> {

    Optional<Inquiry> findByAskedByAndIdempotencyKey(String askedBy, String idempotencyKey);

    List<Inquiry> findByAchievementIdAndIdGreaterThanOrderByIdAsc(String achievementId, String after, Pageable page);

    List<Inquiry> findByBuyerPartyAndIdGreaterThanOrderByIdAsc(String buyerParty, String after, Pageable page);

    List<Inquiry> findByOwnerInstitutionIdAndIdGreaterThanOrderByIdAsc(String owner, String after, Pageable page);

    List<Inquiry> findByIdGreaterThanOrderByIdAsc(String after, Pageable page);
}
