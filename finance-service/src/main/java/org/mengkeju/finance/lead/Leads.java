package org.mengkeju.finance.lead;

import java.util.List;
import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

/**
 * The leads collection: reads and the first insert; a change to a lead goes through the platform's
 * {@code OutboxAggregates.save} with the events it recorded, numbered by {@link LeadSequence}.
 */
public interface Leads extends MongoRepository<Lead, String> {

    Optional<Lead> findByEnterpriseIdAndProductId(String enterpriseId, String productId);

    List<Lead> findByEnterpriseIdAndStatusNot(String enterpriseId, LeadStatus status);
}
