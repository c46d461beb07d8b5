package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * What the seller side submits for registration: the contract as signed. {@link #checked} holds it to the rules a
 * field annotation cannot express; each refusal names its rule and the field.
 *
 * @param type                 the contract type
 * @param subType              its sub-type; none for consulting
 * @param title                the contract title
 * @param seller               the seller side (the side that applies)
 * @param buyer                the buyer side
 * @param brokers              brokers or transfer agencies named in the contract
 * @param signedOn             the signing date
 * @param validFrom            first day of the validity period (for a licence: its term)
 * @param validUntil           last day of the validity period
 * @param contractAmountYuan   the contract amount (成交额)
 * @param nonTechnicalCosts    non-technical cost items
 * @param payments             the payment schedule; sums to the contract amount
 * @param achievementIds       the catalog's achievements the contract concerns
 * @param documents            references to the supporting documents (合同文本、证明材料)
 * @param inventorSharePercent the inventors' share of net income (成果完成人收益比例), for a public seller
 */
public record ContractTerms(ContractType type, ContractSubType subType, String title, Party seller, Party buyer,
        List<Party> brokers, LocalDate signedOn, LocalDate validFrom, LocalDate validUntil,
        BigDecimal contractAmountYuan, List<CostItem> nonTechnicalCosts, List<Instalment> payments,
        List<String> achievementIds, List<String> documents, BigDecimal inventorSharePercent) {

    public ContractTerms {
        brokers = brokers == null ? List.of() : List.copyOf(brokers);
        nonTechnicalCosts = nonTechnicalCosts == null ? List.of() : List.copyOf(nonTechnicalCosts);
        payments = payments == null ? List.of() : List.copyOf(payments);
        achievementIds = achievementIds == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(achievementIds));
        documents = documents == null ? List.of() : List.copyOf(documents);
    }

    /**
     * The terms held to the registration rules in force, with the technology transaction amount they give.
     *
     * @throws RuleViolation naming the first rule broken and its field
     */
    TechnologyTransactionAmount checked(RegistrationPolicy.Rules rules) {
        if (!type.admits(subType)) {
            throw new RuleViolation("sub-type-mismatch", "subType", type == ContractType.CONSULTING
                    ? "a consulting contract has no sub-type"
                    : "a " + type + " contract is one of " + type.subTypes() + ", not " + subType);
        }
        seller.checked("seller");
        buyer.checked("buyer");
        for (int i = 0; i < brokers.size(); i++) {
            brokers.get(i).checked("brokers[" + i + "]");
        }
        if (seller.creditCode().equals(buyer.creditCode())) {
            throw new RuleViolation("same-seller-and-buyer", "buyer.creditCode",
                    "the buyer has the seller's credit code; a contract needs two parties");
        }
        if (!seller.inRegion()) {
            throw new RuleViolation("seller-outside-region", "seller.regionCode",
                    "the seller side applies in its own region; " + seller.regionCode()
                            + " is outside Inner Mongolia (15xxxx)");
        }
        if (validUntil.isBefore(validFrom)) {
            throw new RuleViolation("period-ends-before-start", "validUntil",
                    "the validity period ends (" + validUntil + ") before it starts (" + validFrom + ")");
        }
        if (validUntil.isBefore(signedOn)) {
            throw new RuleViolation("period-ends-before-signing", "validUntil",
                    "the validity period ends (" + validUntil + ") before the contract was signed (" + signedOn + ")");
        }
        TechnologyTransactionAmount amount = TechnologyTransactionAmount.of(contractAmountYuan, nonTechnicalCosts);
        checkPayments(amount.contractAmountYuan());
        checkInventorShare(rules);
        return amount;
    }

    private void checkPayments(BigDecimal total) {
        if (payments.isEmpty()) {
            throw new RuleViolation("payment-schedule-missing", "payments",
                    "the payment schedule names at least one payment");
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (int i = 0; i < payments.size(); i++) {
            BigDecimal amount = payments.get(i).amountYuan();
            if (amount == null || amount.signum() <= 0) {
                throw new RuleViolation("amount-not-positive", "payments[" + i + "].amountYuan",
                        "a payment is above zero");
            }
            sum = sum.add(amount);
        }
        if (sum.compareTo(total) != 0) {
            throw new RuleViolation("payments-do-not-sum-to-total", "payments",
                    "the payments sum to " + sum.toPlainString() + " yuan, the contract amount is "
                            + total.toPlainString() + " yuan");
        }
    }

    /** 成果转化收益分配: where the seller is a public university or institute, the inventors' least share. */
    private void checkInventorShare(RegistrationPolicy.Rules rules) {
        if (!seller.publicResearchBody()) {
            return;
        }
        BigDecimal minimum = rules.inventorShareMinimumPercent();
        if (inventorSharePercent == null) {
            throw new RuleViolation("inventor-share-required", "inventorSharePercent",
                    "the seller is a public university or institute: state the inventors' share of net income "
                            + "(at least " + minimum.toPlainString() + "% under the rules in force from "
                            + rules.effectiveFrom() + ")");
        }
        if (inventorSharePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new RuleViolation("inventor-share-above-whole", "inventorSharePercent",
                    "a share of net income is at most 100%, was " + inventorSharePercent.toPlainString() + "%");
        }
        if (inventorSharePercent.compareTo(minimum) < 0) {
            throw new RuleViolation("inventor-share-below-minimum", "inventorSharePercent",
                    "rule inventor-share-below-minimum: the inventors of a public university or institute get at "
                            + "least " + minimum.toPlainString() + "% of net income (rules in force from "
                            + rules.effectiveFrom() + "), the contract gives " + inventorSharePercent.toPlainString()
                            + "%");
        }
    }

    /** The institutions on the platform that are parties: seller, buyer, brokers. */
    List<String> partyInstitutions() {
        List<String> ids = new ArrayList<>();
        for (Party party : parties()) {
            if (party.institutionId() != null) {
                ids.add(party.institutionId());
            }
        }
        return List.copyOf(new HashSet<>(ids));
    }

    List<Party> parties() {
        List<Party> all = new ArrayList<>(List.of(seller, buyer));
        all.addAll(brokers);
        return all;
    }
}
