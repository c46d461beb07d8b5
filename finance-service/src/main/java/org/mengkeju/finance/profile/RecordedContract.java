package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered contract of an enterprise as its profile counts it, in a document of its own beside the profile: a
 * busy enterprise is party to thousands over the years, and one profile document holding them all was rewritten
 * whole at every registration and read whole for every qualification.
 *
 * @param id           the enterprise and the contract ({@link Profiles#entryKey})
 * @param enterpriseId the party whose profile counts it
 * @param contractId   contract-service's id: a changed registration corrects every party's copy by it
 */
@Document(Profiles.CONTRACTS)
record RecordedContract(@Id String id, @Indexed String enterpriseId, @Indexed String contractId,
        String registrationNumber, String side, BigDecimal contractAmountYuan,
        BigDecimal technologyTransactionAmountYuan, Instant registeredAt, boolean cancelled) {

    static RecordedContract of(String enterpriseId, ContractFact fact) {
        return new RecordedContract(Profiles.entryKey(enterpriseId, fact.contractId()), enterpriseId,
                fact.contractId(), fact.registrationNumber(), fact.side(), fact.contractAmountYuan(),
                fact.technologyTransactionAmountYuan(), fact.registeredAt(), fact.cancelled());
    }

    ContractFact fact() {
        return new ContractFact(contractId, registrationNumber, side, contractAmountYuan,
                technologyTransactionAmountYuan, registeredAt, cancelled);
    }
}
