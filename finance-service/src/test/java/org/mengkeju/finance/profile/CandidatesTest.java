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

    static final Document CONSENTING = new Document("consent.granted", true);
    static final Document SUMMARISED = new Document("summarised", true);

    static Condition atLeast(String field, String value) {
        return new Condition(field, new BigDecimal(value), null, null);
    }

    static List<Candidates.Scan> scans(RuleGroup... groups) {
        return Candidates.scans(List.of(groups));
    }

    static String json(Candidates.Scan scan) {
        return scan.filter().getCriteriaObject().toJson();
    }

    static String and(Document... parts) {
        return new Document("$and", List.of(parts)).toJson();
    }

    @Test
    void alternativesOnContractsAndAmountBecomeOneIndexedQueryEachLeavingOutWhatTheOnesBeforeReturned() {
        List<Candidates.Scan> scans = scans(new RuleGroup(List.of(atLeast("REGISTERED_CONTRACTS_12M", "4"),
                atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "50000000"))));
        Document contracts = new Document("summary.contracts", new Document("$gte", 4L));
        Document amount = new Document("summary.technologyAmountBound", new Document("$gte", 50_000_000L));
        assertThat(scans).hasSize(3);
        assertThat(json(scans.get(0))).isEqualTo(and(CONSENTING, SUMMARISED, contracts));
        assertThat(scans.get(0).walk()).isEqualTo("summary.contracts");
        assertThat(json(scans.get(1))).isEqualTo(and(CONSENTING, SUMMARISED, amount,
                new Document("$nor", List.of(contracts))));
        assertThat(scans.get(1).walk()).isEqualTo("summary.technologyAmountBound");
        assertThat(scans.get(2).walk()).isNull();
        assertThat(json(scans.get(2))).as("the profiles from before the summary").isEqualTo(and(new Document("summarised", new Document("$ne", true)),
                CONSENTING));
    }

    @Test
    void anAmountWithFenIsRoundedUpForTheWholeYuanBound() {
        assertThat(json(scans(new RuleGroup(List.of(atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "4999999.01"))))
                .getFirst())).contains("\"$gte\": 5000000");
    }

    @Test
    void theGroupWithFewestIndexedAlternativesDrivesTheOthersNarrowAndAGroupWithAnOpenAlternativeIsLeftOut() {
        List<Candidates.Scan> scans = scans(
                new RuleGroup(List.of(atLeast("INNOVATION_POINTS", "100"), atLeast("REGISTERED_CONTRACTS_12M", "2"))),
                new RuleGroup(List.of(new Condition("REGION", null, null, List.of("150200", "150600")))),
                // a flag tested for false holds for a profile that has nothing: this group narrows nothing
                new RuleGroup(List.of(atLeast("INNOVATION_POINTS", "100"),
                        new Condition("HIGH_TECH_ENTERPRISE", null, false, null))),
                // a certificate is a sub-document, not indexed: it narrows, it does not drive
                new RuleGroup(List.of(new Condition("HIGH_TECH_ENTERPRISE", null, true, null))));
        assertThat(scans).hasSize(2);
        assertThat(scans.getFirst().walk()).isEqualTo("regionCode");
        assertThat(json(scans.getFirst())).isEqualTo(and(CONSENTING, SUMMARISED,
                new Document("regionCode", new Document("$in", List.of("150200", "150600"))),
                new Document("$or", List.of(new Document("summary.points", new Document("$gte", 100L)),
                        new Document("summary.contracts", new Document("$gte", 2L)))),
                new Document("highTech", new Document("$exists", true))));
    }

    @Test
    void withoutAnIndexedGroupOneQueryTestsEverySummarisedProfile() {
        List<Candidates.Scan> scans = scans(new RuleGroup(List.of(atLeast("PUBLISHED_ACHIEVEMENTS", "1"))));
        assertThat(scans).hasSize(2);
        assertThat(scans.getFirst().walk()).isNull();
        assertThat(json(scans.getFirst())).isEqualTo(and(CONSENTING, SUMMARISED,
                new Document("$or", List.of(new Document(Profiles.HAS_ACHIEVEMENTS, true),
                        new Document("achievements", new Document("$exists", true))))));
    }

    @Test
    void thresholdsAnEmptyProfileMeetsNarrowNothing() {
        List<Candidates.Scan> scans = scans(new RuleGroup(List.of(atLeast("REGISTERED_CONTRACTS_12M", "0"))),
                new RuleGroup(List.of(atLeast("INNOVATION_POINTS", "0"))));
        assertThat(scans).hasSize(2);
        assertThat(scans.getFirst().walk()).isNull();
        assertThat(json(scans.getFirst())).isEqualTo(and(CONSENTING, SUMMARISED));
    }

    @Test
    void anAmountAboveTheSummarysCapAsksForTheCap() {
        assertThat(json(scans(new RuleGroup(List.of(atLeast("TECHNOLOGY_TRANSACTION_AMOUNT_12M", "1e20"))))
                .getFirst())).contains(String.valueOf(Profiles.SUMMARY_CAP));
        assertThat(Profiles.wholeYuanUp(new BigDecimal("1e20"))).isEqualTo(Profiles.SUMMARY_CAP);
        assertThat(Profiles.wholeYuanUp(new BigDecimal("1262400.50"))).isEqualTo(1_262_401L);
        assertThat(Profiles.wholeYuanUp(null)).isZero();
    }
}
