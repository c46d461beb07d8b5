package org.mengkeju.points.ledger;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The ledger collection: entries are inserted once and never updated. */
public interface PointTransfers extends MongoRepository<PointTransfer, String> {

    List<PointTransfer> findTop50ByAccountIdOrderByPostedAtDesc(String accountId);
}
