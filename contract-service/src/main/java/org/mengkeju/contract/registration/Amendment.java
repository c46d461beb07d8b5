package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A change to a registration after it was issued, as recorded on the contract.
 *
 * @param kind                                  changed, cancelled or revoked
 * @param reason                                why
 * @param previousContractAmountYuan            the contract amount before
 * @param previousTechnologyTransactionAmountYuan the technology transaction amount before
 * @param recordedBy                            the API client that recorded it
 * @param recordedAt                            when
 */
public record Amendment(Kind kind, String reason, BigDecimal previousContractAmountYuan,
        BigDecimal previousTechnologyTransactionAmountYuan, String recordedBy, Instant recordedAt) {

    public enum Kind {
        /** 变更: amounts, payments or term changed by a supplementary agreement. */
        CHANGE,
        /** 注销: the parties ended the contract. */
        CANCEL,
        /** 撤销: the registration institution withdraws the registration. */
        REVOKE
    }

    /**
     * What a change sets; an absent field stays as registered.
     *
     * @param contractAmountYuan the new contract amount
     * @param nonTechnicalCosts  the new non-technical cost items
     * @param payments           the new payment schedule; required with a new amount
     * @param validUntil         the new last day of the validity period
     */
    public record Changes(BigDecimal contractAmountYuan, List<CostItem> nonTechnicalCosts, List<Instalment> payments,
            LocalDate validUntil) {
    }
}
