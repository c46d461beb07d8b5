package org.mengkeju.matching.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.matching.match.MatchReason.Kind;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.match.Profiles.Wanted;

class MatchScorerTest {

    /** A Baotou polishing-powder maker wants cerium back from its waste: licence or development, pilot stage or later. */
    static final Wanted CERIUM_RECOVERY = new Wanted("dem-cerium", IndustryChain.RARE_EARTHS,
            Terms.of("稀土抛光粉废料中铈的回收提纯", "每年约800吨稀土抛光粉废料，回收氧化铈，纯度99.9%以上，降低酸耗。",
                    "稀土冶炼分离"),
            "150200", new BudgetRange(new BigDecimal("500000.00"), new BigDecimal("2000000.00")),
            Set.of(TransferMode.LICENCE, TransferMode.DEVELOPMENT), Maturity.PILOT);

    static Offered offer(String id, IndustryChain chain, String title, String summary, String region, String price,
            Set<TransferMode> modes, Maturity maturity) {
        return new Offered(id, chain, Terms.of(title, summary), region, price == null ? null : new BigDecimal(price),
                modes, maturity);
    }

    static final Offered WET_RECOVERY = offer("ach-wet", IndustryChain.RARE_EARTHS, "稀土抛光粉废料湿法回收氧化铈工艺",
            "以盐酸优溶与草酸沉淀回收抛光粉废料中的氧化铈，纯度99.95%，酸耗降低30%。", "150200", "1200000.00",
            Set.of(TransferMode.LICENCE, TransferMode.ASSIGNMENT), Maturity.PILOT);

    @Test
    void aResultOfTheSameChainOnTheBuyersTermsIsExplainedReasonByReason() {
        Match match = MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY).orElseThrow();

        assertThat(match.candidateId()).isEqualTo("ach-wet");
        assertThat(match.reasons()).extracting(MatchReason::kind).containsExactly(Kind.SAME_CHAIN, Kind.SHARED_TERMS,
                Kind.TRANSFER_MODE, Kind.PRICE, Kind.MATURITY, Kind.REGION);
        assertThat(match.reasons()).extracting(MatchReason::text).contains("同属稀土产业链", "可许可",
                "报价在预算内（报价120万元，预算上限200万元）", "成熟度满足要求：中试阶段", "同在包头市");
        MatchReason shared = match.reasons().get(1);
        assertThat(shared.text()).startsWith("共同关键词：稀土、抛光、废料、回收");
        assertThat(shared.points()).isEqualTo(MatchWeights.SHARED_TERMS_CAP);
        assertThat(match.score()).isEqualTo(MatchWeights.SAME_CHAIN + MatchWeights.SHARED_TERMS_CAP
                + MatchWeights.TRANSFER_MODE + MatchWeights.PRICE_WITHIN_BUDGET + MatchWeights.MATURITY_SATISFIED
                + MatchWeights.SAME_REGION);
    }

    @Test
    void theBuyersTermsCountInProportionToHowCloseTheTextComes() {
        Match closest = MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY, 1.0).orElseThrow();
        Match half = MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY, 0.5).orElseThrow();
        Match chainOnly = MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY, 0.0).orElseThrow();

        assertThat(closest.reasons()).extracting(MatchReason::kind).containsExactly(Kind.SAME_CHAIN,
                Kind.SHARED_TERMS, Kind.TEXT_RELEVANCE, Kind.TRANSFER_MODE, Kind.PRICE, Kind.MATURITY, Kind.REGION);
        assertThat(closest.reasons().get(2).text()).isEqualTo("描述与需求最接近");
        int terms = MatchWeights.TRANSFER_MODE + MatchWeights.PRICE_WITHIN_BUDGET + MatchWeights.MATURITY_SATISFIED
                + MatchWeights.SAME_REGION;
        int words = MatchWeights.SAME_CHAIN + MatchWeights.SHARED_TERMS_CAP;
        assertThat(closest.score()).isEqualTo(words + MatchWeights.TEXT_RELEVANCE + terms);
        // Half as close: half the text's points, and each of the buyer's terms counts half (rounded).
        assertThat(half.reasons()).filteredOn(r -> r.kind() == Kind.TEXT_RELEVANCE).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("描述与需求的接近程度为最接近者的50%"));
        assertThat(half.score()).isEqualTo(words + MatchWeights.TEXT_RELEVANCE / 2 + Math.round(15 / 2.0f)
                + Math.round(15 / 2.0f) + MatchWeights.MATURITY_SATISFIED / 2 + MatchWeights.SAME_REGION / 2);
        // Brought by the chain alone: no text reason, and terms that do not make it an answer add nothing.
        assertThat(chainOnly.reasons()).extracting(MatchReason::kind).doesNotContain(Kind.TEXT_RELEVANCE);
        assertThat(chainOnly.score()).isEqualTo(words);
        assertThat(List.of(closest, half, chainOnly)).allSatisfy(m -> assertThat(m.score())
                .isEqualTo(m.reasons().stream().mapToInt(MatchReason::points).sum()));
    }

    @Test
    void aResultOfAnotherChainThatSharesNoWordIsNoMatchWhereverItIs() {
        Offered film = offer("ach-pbat", IndustryChain.NEW_MATERIALS, "PBAT可降解地膜", "180天完全降解，适用于玉米、马铃薯种植",
                "150200", "800000", Set.of(TransferMode.LICENCE), Maturity.INDUSTRIALISED);

        assertThat(MatchScorer.achievementFor(CERIUM_RECOVERY, film)).isEmpty();
    }

    @Test
    void sharedWordsAloneMakeAMatchAcrossChainsWithoutTheChainReason() {
        Offered acidRecovery = offer("ach-acid", IndustryChain.ECOLOGY_ENVIRONMENT, "冶炼废酸回收与废料资源化",
                "含酸废料的回收利用", "150600", null, Set.of(TransferMode.SERVICE), null);

        Match match = MatchScorer.achievementFor(CERIUM_RECOVERY, acidRecovery).orElseThrow();

        assertThat(match.reasons()).extracting(MatchReason::kind).doesNotContain(Kind.SAME_CHAIN, Kind.REGION,
                Kind.TRANSFER_MODE, Kind.MATURITY).contains(Kind.SHARED_TERMS);
        assertThat(match.reasons()).filteredOn(r -> r.kind() == Kind.PRICE).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("报价面议，可协商"));
    }

    @Test
    void aPriceAboveTheBudgetAndAMaturityShortOfTheNeedCountAgainst() {
        Offered labStage = offer("ach-lab", IndustryChain.RARE_EARTHS, "稀土抛光粉废料回收新方法", null, "150100",
                "2500000", Set.of(TransferMode.ASSIGNMENT), Maturity.LAB);

        Match match = MatchScorer.achievementFor(CERIUM_RECOVERY, labStage).orElseThrow();

        assertThat(match.reasons()).contains(
                new MatchReason(Kind.PRICE, "报价超出预算（报价250万元，预算上限200万元）", -10),
                new MatchReason(Kind.MATURITY, "成熟度不足：实验室阶段，需中试阶段", -10));
        assertThat(match.reasons()).extracting(MatchReason::kind).doesNotContain(Kind.TRANSFER_MODE, Kind.REGION);
        assertThat(match.score()).isEqualTo(match.reasons().stream().mapToInt(MatchReason::points).sum());
    }

    @Test
    void aPriceExactlyAtTheBudgetsCeilingIsWithinIt() {
        Offered atCeiling = offer("ach-ceiling", IndustryChain.RARE_EARTHS, "氧化铈回收", null, null, "2000000.00",
                Set.of(TransferMode.LICENCE), Maturity.PILOT);

        assertThat(MatchScorer.achievementFor(CERIUM_RECOVERY, atCeiling).orElseThrow().reasons())
                .anySatisfy(r -> assertThat(r.text()).startsWith("报价在预算内"));
    }

    @Test
    void theRankingIsByScoreThenByIdAndAlwaysTheSame() {
        Offered twinB = offer("ach-b", IndustryChain.RARE_EARTHS, "稀土永磁", null, null, null, Set.of(), null);
        Offered twinA = offer("ach-a", IndustryChain.RARE_EARTHS, "稀土永磁", null, null, null, Set.of(), null);
        List<Match> matches = List.of(MatchScorer.achievementFor(CERIUM_RECOVERY, twinB).orElseThrow(),
                MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY).orElseThrow(),
                MatchScorer.achievementFor(CERIUM_RECOVERY, twinA).orElseThrow());

        assertThat(MatchScorer.top(matches, 3)).extracting(Match::candidateId).containsExactly("ach-wet", "ach-a",
                "ach-b");
        assertThat(MatchScorer.top(matches.reversed(), 2)).extracting(Match::candidateId)
                .containsExactly("ach-wet", "ach-a");
    }

    @Test
    void theDemandSideSeesTheSameReasonsWithTheDemandAsCandidate() {
        Match forDemand = MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY).orElseThrow();
        Match forAchievement = MatchScorer.demandFor(WET_RECOVERY, CERIUM_RECOVERY).orElseThrow();

        assertThat(forAchievement.candidateId()).isEqualTo("dem-cerium");
        assertThat(forAchievement.reasons()).isEqualTo(forDemand.reasons());
    }

    @Test
    void anAchievementsDemandsAreWeighedByTheirTextAsADemandsAchievementsAre() {
        Match closest = MatchScorer.demandFor(WET_RECOVERY, CERIUM_RECOVERY, 1.0).orElseThrow();
        Match half = MatchScorer.demandFor(WET_RECOVERY, CERIUM_RECOVERY, 0.5).orElseThrow();

        assertThat(closest.candidateId()).isEqualTo("dem-cerium");
        assertThat(closest.score()).isEqualTo(MatchScorer.achievementFor(CERIUM_RECOVERY, WET_RECOVERY, 1.0)
                .orElseThrow().score());
        assertThat(closest.reasons()).filteredOn(r -> r.kind() == Kind.TEXT_RELEVANCE).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("描述与成果最接近"));
        assertThat(half.reasons()).filteredOn(r -> r.kind() == Kind.TEXT_RELEVANCE).singleElement()
                .satisfies(r -> assertThat(r.text()).isEqualTo("描述与成果的接近程度为最接近者的50%"));
        assertThat(half.score()).isLessThan(closest.score());
    }

    @Test
    void yuanReadAsAPersonReadsThemAndStayExact() {
        assertThat(MatchScorer.yuan(new BigDecimal("1500000.00"))).isEqualTo("150万元");
        assertThat(MatchScorer.yuan(new BigDecimal("12345.67"))).isEqualTo("1.234567万元");
        assertThat(MatchScorer.yuan(new BigDecimal("8500"))).isEqualTo("8500元");
    }
}
