package org.mengkeju.contract.deal;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The final deals the catalog reported; one document per deal, written once. */
interface TradedDeals extends MongoRepository<TradedDeal, String> {
}
