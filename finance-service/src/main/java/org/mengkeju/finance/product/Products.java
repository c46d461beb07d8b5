package org.mengkeju.finance.product;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The products collection; a product is saved whole under its version check (it has no outbox). */
public interface Products extends MongoRepository<FinancingProduct, String> {
}
