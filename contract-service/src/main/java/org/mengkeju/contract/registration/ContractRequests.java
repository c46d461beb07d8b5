package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The HTTP shapes of the contracts API. */
final class ContractRequests {

    private ContractRequests() {
    }

    /** A party as the contract names it. */
    record PartyInput(
            @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}") String institutionId,
            @NotBlank @Size(max = 200) String name,
            @NotNull @Size(min = 18, max = 18) String creditCode,
            @NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a six-digit administrative division code")
            String regionCode,
            boolean publicResearchBody) {

        Party party() {
            return new Party(institutionId, name.strip(), creditCode, regionCode, publicResearchBody);
        }
    }

    /** A non-technical cost item. */
    record CostInput(
            @NotNull CostKind kind,
            @Size(max = 200) String description,
            @NotNull @DecimalMin("0.00") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal amountYuan) {
    }

    /** One payment of the schedule. */
    record PaymentInput(
            @NotNull LocalDate dueOn,
            @NotNull @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal amountYuan) {
    }

    /**
     * A contract submitted for registration. There is no field for the technology transaction amount: the service
     * computes it from the contract amount and the non-technical costs.
     */
    record SubmitContract(
            @NotNull ContractType type,
            ContractSubType subType,
            @NotBlank @Size(max = 200) String title,
            @NotNull @Valid PartyInput seller,
            @NotNull @Valid PartyInput buyer,
            @Size(max = 10) List<@NotNull @Valid PartyInput> brokers,
            @NotNull LocalDate signedOn,
            @NotNull LocalDate validFrom,
            @NotNull LocalDate validUntil,
            @NotNull @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal contractAmountYuan,
            @Size(max = 100) List<@NotNull @Valid CostInput> nonTechnicalCosts,
            @NotEmpty @Size(max = 120) List<@NotNull @Valid PaymentInput> payments,
            @Size(max = 20) List<@NotBlank @Size(max = 64) String> achievementIds,
            @Size(max = 50) List<@NotBlank @Size(max = 300) String> documents,
            @DecimalMin("0") @Digits(integer = 3, fraction = 2) BigDecimal inventorSharePercent,
            @Pattern(regexp = "ctr-[0-9a-f]{16}", message = "must be a contract id") String correctsContractId,
            @io.swagger.v3.oas.annotations.media.Schema(description = "The final deal of the catalog's market the "
                    + "contract was drawn up from (`GET /api/v1/contract/deals/{dealId}`): its parties, achievement "
                    + "and price must be the deal's, and a deal has one contract.")
            @Pattern(regexp = "lot-[0-9a-f]{12}-[0-9a-f]{8}", message = "must be a deal id") String dealId) {

        ContractTerms terms() {
            return new ContractTerms(type, subType, title.strip(), seller.party(), buyer.party(),
                    brokers == null ? List.of() : brokers.stream().map(PartyInput::party).toList(), signedOn,
                    validFrom, validUntil, contractAmountYuan,
                    nonTechnicalCosts == null ? List.of() : nonTechnicalCosts.stream()
                            .map(c -> new CostItem(c.kind(), c.description(), c.amountYuan())).toList(),
                    payments.stream().map(p -> new Instalment(p.dueOn(), p.amountYuan())).toList(),
                    achievementIds, documents, inventorSharePercent);
        }
    }

    /** A reviewer's decision. */
    record DecisionInput(
            @NotNull Decision.Kind decision,
            @Size(max = 9) List<@NotNull RefusalReason> reasons,
            @Size(max = 2000) String note) {

        Decision toDecision() {
            return new Decision(decision, reasons, note);
        }
    }

    /** A change (变更), cancellation (注销) or revocation (撤销) of a registration. */
    record AmendmentInput(
            @NotNull Amendment.Kind kind,
            @NotBlank @Size(max = 2000) String reason,
            @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal contractAmountYuan,
            @Size(max = 100) List<@NotNull @Valid CostInput> nonTechnicalCosts,
            @Size(min = 1, max = 120) List<@NotNull @Valid PaymentInput> payments,
            LocalDate validUntil) {

        Amendment.Changes changes() {
            return new Amendment.Changes(contractAmountYuan, nonTechnicalCosts == null ? null
                    : nonTechnicalCosts.stream().map(c -> new CostItem(c.kind(), c.description(), c.amountYuan()))
                            .toList(),
                    payments == null ? null : payments.stream().map(p -> new Instalment(p.dueOn(), p.amountYuan()))
                            .toList(), validUntil);
        }
    }

    /** A page of contracts; {@code next} is the cursor of the following page, absent on the last one. */
    record ContractPage(List<ContractView> items, String next) {
    }

    /** A contract as the API shows it, with both amounts as they are registered. */
    record ContractView(
            String id,
            ContractStatus status,
            ContractType type,
            ContractSubType subType,
            String title,
            Party seller,
            Party buyer,
            List<Party> brokers,
            LocalDate signedOn,
            LocalDate validFrom,
            LocalDate validUntil,
            BigDecimal contractAmountYuan,
            List<CostItem> nonTechnicalCosts,
            BigDecimal nonTechnicalCostsYuan,
            BigDecimal technologyTransactionAmountYuan,
            List<Instalment> payments,
            List<String> achievementIds,
            AchievementCheckState achievementCheck,
            List<String> unknownAchievementIds,
            List<String> achievementMismatches,
            List<String> documents,
            BigDecimal inventorSharePercent,
            String correctsContractId,
            String dealId,
            String registrationRegionCode,
            LocalDate rulesEffectiveFrom,
            boolean expertReviewRequired,
            Instant expertReviewedAt,
            String registrationInstitutionId,
            LocalDate reviewDueOn,
            Instant awaitingDocumentsSince,
            boolean overdue,
            List<RefusalReason> reasons,
            String note,
            String registrationNumber,
            Instant submittedAt,
            Instant registeredAt,
            List<Amendment> amendments,
            Long version) {

        static ContractView of(Contract c, LocalDate today) {
            ContractTerms t = c.terms();
            return new ContractView(c.id(), c.status(), t.type(), t.subType(), t.title(), t.seller(), t.buyer(),
                    t.brokers(), t.signedOn(), t.validFrom(), t.validUntil(), t.contractAmountYuan().setScale(2),
                    t.nonTechnicalCosts(), c.nonTechnicalCostsYuan(), c.technologyTransactionAmountYuan(),
                    t.payments(), t.achievementIds(), c.achievementCheck(), c.unknownAchievementIds(),
                    c.achievementMismatches(), t.documents(), t.inventorSharePercent(), c.correctsContractId(), c.dealId(), c.registrationRegionCode(), c.rulesEffectiveFrom(),
                    c.expertReviewRequired(), c.expertReviewedAt(), c.registrationInstitutionId(), c.reviewDueOn(),
                    c.awaitingDocumentsSince(), c.overdueOn(today), c.reasons(),
                    c.note(), c.registrationNumber(), c.submittedAt(), c.registeredAt(), c.amendments(),
                    c.version());
        }
    }
}
