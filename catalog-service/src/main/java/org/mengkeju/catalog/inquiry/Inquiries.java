package org.mengkeju.catalog.inquiry;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The inquiries collection: reads and the first insert; a message added to a thread goes through the platform's
 * {@code OutboxAggregates.save} with the events it recorded. Lists are queried with the application service's
 * filters, in id order, which is the order of arrival.
 */
public interface Inquiries extends MongoRepository<Inquiry, String> {

    Optional<Inquiry> findByAskedByAndIdempotencyKey(String askedBy, String idempotencyKey);
}
