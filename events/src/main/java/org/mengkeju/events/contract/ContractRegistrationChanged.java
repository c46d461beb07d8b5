package org.mengkeju.events.contract;

import java.math.BigDecimal;
import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A registered contract's registration was changed (变更), cancelled (注销) or revoked (撤销). Tax relief, points and
 * post-subsidies hang on the registration: points-service reverses the points of a cancelled or revoked contract and
 * adjusts them to a changed technology transaction amount; finance-service drops or corrects it in an enterprise's
 * record. Emitted after {@link ContractRegistered} on the same key, so a consumer sees them in order.
 *
 * @param contractId                              contract-service's id of the contract
 * @param registrationNumber                      its registration number, unchanged by every kind of change
 * @param change                                  {@code CHANGED} (amounts or term changed by a supplementary
 *                                                agreement), {@code CANCELLED} (the parties ended it) or
 *                                                {@code REVOKED} (the registration institution withdrew it)
 * @param reason                                  why, as recorded by the registration institution
 * @param contractAmountYuan                      the contract amount (成交额) after the change, yuan, exact
 * @param technologyTransactionAmountYuan         the technology transaction amount (技术交易额) after the change;
 *                                                for a cancelled or revoked registration the amount it had
 * @param previousContractAmountYuan              the contract amount before the change
 * @param previousTechnologyTransactionAmountYuan the technology transaction amount before the change
 * @param registrationInstitutionId               the registration institution that recorded it
 * @param actor                                   the API client that recorded it
 * @param changedAt                               when it was recorded (UTC)
 */
public record ContractRegistrationChanged(
        String contractId,
        String registrationNumber,
        String change,
        String reason,
        BigDecimal contractAmountYuan,
        BigDecimal technologyTransactionAmountYuan,
        BigDecimal previousContractAmountYuan,
        BigDecimal previousTechnologyTransactionAmountYuan,
        String registrationInstitutionId,
        String actor,
        Instant changedAt) {

    public static final EventContract<ContractRegistrationChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.contract.contract.registration-changed.v1", Topics.CONTRACT_CONTRACTS,
            ContractRegistrationChanged.class);
}
