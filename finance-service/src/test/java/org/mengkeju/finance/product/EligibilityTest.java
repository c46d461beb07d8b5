package org.mengkeju.finance.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

class EligibilityTest {

    static final List<RuleGroup> IP_PLEDGE_RULES = List.of(
            new RuleGroup(List.of(new Condition("REGISTERED_CONTRACTS_12M", new BigDecimal("2"), null, null),
                    new Condition("TECHNOLOGY_TRANSACTION_AMOUNT_12M", new BigDecimal("5000000"), null, null))),
            new RuleGroup(List.of(new Condition("REGION", null, null, List.of("150200", "150100")))));

    static EnterpriseFacts facts(int contracts, String amount, String region) {
        return new EnterpriseFacts(false, contracts, new BigDecimal(amount), 1, 0, 0, 120, region, "ENTERPRISE");
    }

    @Test
    void aProfileQualifiesWhenEveryGroupHoldsAndSaysWhichAlternativeDid() {
        var reasons = Eligibility.qualify(IP_PLEDGE_RULES, facts(1, "6200000.00", "150200"));

        assertThat(reasons).hasValueSatisfying(r -> {
            assertThat(r).extracting(Reason::field).containsExactly("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "REGION");
            assertThat(r.getFirst().actual()).isEqualTo("6200000.00");
            assertThat(r.getFirst().text()).contains("近12个月技术交易额").contains("≥ 5000000");
        });
    }

    @Test
    void aProfileMissingOneGroupDoesNotQualify() {
        assertThat(Eligibility.qualify(IP_PLEDGE_RULES, facts(3, "0", "150400"))).isEmpty();
        assertThat(Eligibility.qualify(IP_PLEDGE_RULES, facts(1, "4999999.99", "150200"))).isEmpty();
        assertThat(Eligibility.qualify(IP_PLEDGE_RULES, facts(2, "0", "150100"))).isPresent();
    }

    @Test
    void aRuleOnAnUnknownFieldIsRefusedNamingItAndWhereItIs() {
        var rules = List.of(new RuleGroup(List.of(
                new Condition("REGISTERED_CONTRACTS_12M", BigDecimal.ONE, null, null),
                new Condition("ANNUAL_REVENUE", new BigDecimal("10000000"), null, null))));

        assertThatThrownBy(() -> Eligibility.validate(rules)).isInstanceOf(InvalidProduct.class)
                .hasMessageContaining("rules[0].anyOf[1].field").hasMessageContaining("ANNUAL_REVENUE");
    }

    @Test
    void aConditionTakesOnlyTheOperandOfItsFieldsKind() {
        assertThatThrownBy(() -> Eligibility.validate(List.of(new RuleGroup(List.of(
                new Condition("HIGH_TECH_ENTERPRISE", BigDecimal.ONE, null, null))))))
                .hasMessageContaining("rules[0].anyOf[0].is");
        assertThatThrownBy(() -> Eligibility.validate(List.of(new RuleGroup(List.of(
                new Condition("REGISTERED_CONTRACTS_12M", new BigDecimal("-1"), null, null))))))
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> Eligibility.validate(List.of(new RuleGroup(List.of(
                new Condition("REGISTERED_CONTRACTS_12M", new BigDecimal("1.5"), null, null))))))
                .hasMessageContaining("whole count");
        assertThatThrownBy(() -> Eligibility.validate(List.of())).hasMessageContaining("rules");
    }

    @Test
    void termsRefuseANegativeAmountARateAbove100PercentAndAnInvertedRange() {
        assertThatThrownBy(() -> terms("-1", "1000000", "3.45", "4.35").validate())
                .hasMessageContaining("amountMinYuan");
        assertThatThrownBy(() -> terms("500000", "1000000", "3.45", "100.01").validate())
                .hasMessageContaining("rateMaxPercent").hasMessageContaining("0 to 100");
        assertThatThrownBy(() -> terms("5000000", "1000000", "3.45", "4.35").validate())
                .hasMessageContaining("amountMaxYuan");
        assertThatThrownBy(() -> terms("500000.001", "1000000", "3.45", "4.35").validate())
                .hasMessageContaining("fen");
        terms("500000", "10000000", "0", "100").validate();
    }

    private static ProductTerms terms(String min, String max, String rateMin, String rateMax) {
        return new ProductTerms(new BigDecimal(min), new BigDecimal(max), 12, 36, new BigDecimal(rateMin),
                new BigDecimal(rateMax));
    }
}
