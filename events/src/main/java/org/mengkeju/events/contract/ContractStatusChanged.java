package org.mengkeju.events.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A step of a technology contract's registration (认定登记): submitted, accepted for review, returned for correction,
 * refused (不予登记, marked 未予登记) with its coded reasons, registered, or the achievement check settled. Registering
 * also emits {@link ContractRegistered}, which carries the whole registration; both go out in order on the contract's
 * key.
 *
 * @param contractId                      contract-service's id of the contract
 * @param action                          what happened: {@code SUBMIT}, {@code ACCEPT_FOR_REVIEW}, {@code RETURN},
 *                                        {@code REFUSE}, {@code EXPERT_REVIEW_PASSED}, {@code REQUEST_DOCUMENTS},
 *                                        {@code DOCUMENTS_RECEIVED}, {@code REGISTER},
 *                                        {@code ACHIEVEMENTS_VERIFIED}, {@code ACHIEVEMENTS_NOT_FOUND},
 *                                        {@code ACHIEVEMENTS_MISMATCHED}
 * @param fromStatus                      the status before; absent for {@code SUBMIT}
 * @param toStatus                        the status after: {@code SUBMITTED}, {@code UNDER_REVIEW},
 *                                        {@code REGISTERING}, {@code REGISTERED}, {@code RETURNED} or
 *                                        {@code REFUSED}
 * @param actor                           the API client that did it, or {@code contract-service} for its own checks
 * @param reasons                         the coded reasons of a return or refusal, e.g. {@code MONOPOLISING_CLAUSE};
 *                                        empty otherwise
 * @param note                            the reviewer's text, or the achievements the catalog does not know; absent
 *                                        when none
 * @param sellerInstitutionId             the seller's institution id when it is registered on the platform
 * @param registrationRegionCode          the league-city (盟市) whose registration institutions handle it: the
 *                                        seller's
 * @param registrationInstitutionId       the registration institution reviewing it; absent before review
 * @param registrationNumber              the registration number once registered; absent before
 * @param contractAmountYuan              the contract amount (成交额) in yuan, exact
 * @param technologyTransactionAmountYuan the technology transaction amount (技术交易额) in yuan, exact
 * @param changedAt                       when it happened (UTC)
 */
public record ContractStatusChanged(
        String contractId,
        String action,
        String fromStatus,
        String toStatus,
        String actor,
        List<String> reasons,
        String note,
        String sellerInstitutionId,
        String registrationRegionCode,
        String registrationInstitutionId,
        String registrationNumber,
        BigDecimal contractAmountYuan,
        BigDecimal technologyTransactionAmountYuan,
        Instant changedAt) {

    public static final EventContract<ContractStatusChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.contract.contract.status-changed.v1", Topics.CONTRACT_CONTRACTS,
            ContractStatusChanged.class);
}
