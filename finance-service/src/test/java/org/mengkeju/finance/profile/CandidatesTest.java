package org.mengkeju.finance.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.product.Condition;
import org.mengkeju.finance.product.RuleGroup;

/** Which stored profiles a product's rules ask the store for: every one that could pass, and no test it cannot do. */
class CandidatesTest {

    static Condition atLeast(String field, String value) {
        return new Condition(field, new BigDecimal(value), null, null);
    }

    static Document filter(RuleGroup... groups) {
        var criteria = Candidates.of(List.of(groups));
        return criteria == null ? null : criteria.getCriteriaObject();
    }

    @Test
    void alternativesOnContractsAndAmountBecomeOneOrOnTheSummary() {
        Document filter = filter(new RuleGroup(List.of(atLeast("REGISTERED_CONTRACTS_12M", "4"),
                atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "50000000"))));
        assertThat(filter.toJson()).isEqualTo(new Document("$or", List.of(
                new Document("summary.contracts", new Document("$gte", 4L)),
                new Document("summary.technologyAmountBound", new Document("$gte", 50_000_000L)))).toJson());
    }

    @Test
    void anAmountWithFenIsRoundedUpForTheWholeYuanBound() {
        assertThat(filter(new RuleGroup(List.of(atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "4999999.01"))))
                .toJson()).contains("\"$gte\": 5000000");
    }

    @Test
    void groupsThatNarrowAreJoinedAndAGroupWithAnOpenAlternativeIsLeftOut() {
        Document filter = filter(
                new RuleGroup(List.of(new Condition("REGION", null, null, List.of("150200", "150600")))),
                // a flag tested for false holds for a profile that has nothing: this group narrows nothing
                new RuleGroup(List.of(atLeast("INNOVATION_POINTS", "100"),
                        new Condition("HIGH_TECH_ENTERPRISE", null, false, null))),
                new RuleGroup(List.of(new Condition("HIGH_TECH_ENTERPRISE", null, true, null))));
        assertThat(filter.toJson()).isEqualTo(new Document("$and", List.of(
                new Document("regionCode", new Document("$in", List.of("150200", "150600"))),
                new Document("highTech", new Document("$exists", true)))).toJson());
    }

    @Test
    void thresholdsAnEmptyProfileMeetsNarrowNothing() {
        assertThat(filter(new RuleGroup(List.of(atLeast("REGISTERED_CONTRACTS_12M", "0"))),
                new RuleGroup(List.of(atLeast("INNOVATION_POINTS", "0"))))).isNull();
    }

    @Test
    void anAmountAboveTheSummarysCapAsksForTheCap() {
        assertThat(filter(new RuleGroup(List.of(atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "1e20")))).toJson())
                .contains(String.valueOf(Profiles.SUMMARY_CAP));
        assertThat(Profiles.wholeYuanUp(new BigDecimal("1e20"))).isEqualTo(Profiles.SUMMARY_CAP);
        assertThat(Profiles.wholeYuanUp(new BigDecimal("1262400.50"))).isEqualTo(1_262_401L);
        assertThat(Profiles.wholeYuanUp(null)).isZero();
    }
}
