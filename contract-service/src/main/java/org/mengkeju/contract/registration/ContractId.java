package org.mengkeju.contract.registration;

import java.util.UUID;

/** contract-service's id of a contract, e.g. {@code ctr-5b1e9d07c2a34f68}. */
public record ContractId(String value) {

    public static ContractId next() {
        return new ContractId("ctr-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }
}
