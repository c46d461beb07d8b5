package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A registered technology contract the enterprise is a party to, as its profile keeps it.
 *
 * @param side      {@code SELLER} or {@code BUYER}
 * @param cancelled the registration was cancelled (注销) or revoked (撤销): it no longer counts
 */
public record ContractFact(String contractId, String registrationNumber, String side, BigDecimal contractAmountYuan,
        BigDecimal technologyTransactionAmountYuan, Instant registeredAt, boolean cancelled) {
}
