package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class TechnologyTransactionAmountTest {

    private static CostItem cost(CostKind kind, String yuan) {
        return new CostItem(kind, null, new BigDecimal(yuan));
    }

    @Test
    void isTheContractAmountLessTheNonTechnicalCostsExactToTheFen() {
        var amount = TechnologyTransactionAmount.of(new BigDecimal("1500000.00"),
                List.of(cost(CostKind.EQUIPMENT, "237599.50"), cost(CostKind.RAW_MATERIALS, "0.10"),
                        cost(CostKind.PARTS, "0.20")));

        assertThat(amount.nonTechnicalCostsYuan()).isEqualTo(new BigDecimal("237599.80"));
        assertThat(amount.amountYuan()).isEqualTo(new BigDecimal("1262400.20"));
        assertThat(amount.contractAmountYuan()).isEqualTo(new BigDecimal("1500000.00"));
    }

    @Test
    void withoutCostsIsTheWholeContractAmount() {
        var amount = TechnologyTransactionAmount.of(new BigDecimal("10000000"), List.of());

        assertThat(amount.amountYuan()).isEqualTo(new BigDecimal("10000000.00"));
    }

    @Test
    void costsEqualToTheContractAmountLeaveZeroNotANegative() {
        var amount = TechnologyTransactionAmount.of(new BigDecimal("200000.00"),
                List.of(cost(CostKind.INSTRUMENTS, "150000.00"), cost(CostKind.OTHER, "50000.00")));

        assertThat(amount.amountYuan()).isEqualByComparingTo("0").isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void costsAboveTheContractAmountAreRefusedByTheirRule() {
        assertThatThrownBy(() -> TechnologyTransactionAmount.of(new BigDecimal("200000.00"),
                List.of(cost(CostKind.EQUIPMENT, "200000.01"))))
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.rule()).isEqualTo("costs-exceed-contract-amount");
                    assertThat(v.field()).isEqualTo("nonTechnicalCosts");
                });
    }

    @Test
    void aNegativeCostOrAFractionOfAFenIsRefused() {
        assertThatThrownBy(() -> TechnologyTransactionAmount.of(new BigDecimal("200000.00"),
                List.of(cost(CostKind.EQUIPMENT, "-1.00"))))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo("amount-negative"));
        assertThatThrownBy(() -> TechnologyTransactionAmount.of(new BigDecimal("200000.005"), List.of()))
                .isInstanceOfSatisfying(RuleViolation.class,
                        v -> assertThat(v.rule()).isEqualTo("amount-not-whole-fen"));
        assertThatThrownBy(() -> TechnologyTransactionAmount.of(new BigDecimal("-5.00"), List.of()))
                .isInstanceOfSatisfying(RuleViolation.class,
                        v -> assertThat(v.rule()).isEqualTo("amount-not-positive"));
    }
}
