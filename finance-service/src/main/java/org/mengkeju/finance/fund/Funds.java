package org.mengkeju.finance.fund;

import java.util.List;

import org.springframework.data.mongodb.repository.MongoRepository;

/** The funds collection; a fund is saved whole under its version check (it has no outbox). */
public interface Funds extends MongoRepository<RiskCompensationFund, String> {

    List<RiskCompensationFund> findByInstitutionIds(String institutionId);
}
