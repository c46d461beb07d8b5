package org.mengkeju.matching.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The measure itself, on examples worked out by hand. */
class NdcgTest {

    private static final Map<String, Integer> GRADES = Map.of("a", 3, "b", 2, "c", 1);

    @Test
    void aMixedRankingAgainstTheIdealOrder() {
        // DCG  = (2^1-1)/log2(2) + 0 + (2^3-1)/log2(4)           = 1 + 3.5             = 4.5
        // IDCG = (2^3-1)/log2(2) + (2^2-1)/log2(3) + (2^1-1)/log2(4) = 7 + 1.892789 + 0.5 = 9.392789
        assertThat(Ndcg.at(3, List.of("c", "x", "a"), GRADES)).isCloseTo(4.5 / 9.392789, within(1e-6));
        assertThat(Ndcg.at(3, List.of("c", "x", "a"), GRADES)).isCloseTo(0.479091, within(1e-6));
    }

    @Test
    void theIdealOrderScoresOneAndNothingRelevantScoresZero() {
        assertThat(Ndcg.at(10, List.of("a", "b", "c", "x"), GRADES)).isEqualTo(1.0);
        assertThat(Ndcg.at(10, List.of("x", "y"), GRADES)).isZero();
        assertThat(Ndcg.at(10, List.of(), GRADES)).isZero();
        assertThat(Ndcg.at(10, List.of("a"), Map.of())).isZero();
    }

    @Test
    void onlyTheTopKCount() {
        // At k = 1 only "x" counts: nothing gained, however good the rest.
        assertThat(Ndcg.at(1, List.of("x", "a", "b", "c"), GRADES)).isZero();
        // At k = 2 the ideal is a, b: (7 + 3/log2(3)) = 8.892789; "b" first gains 3, "a" second gains 7/log2(3).
        assertThat(Ndcg.at(2, List.of("b", "a"), GRADES)).isCloseTo((3 + 7 / 1.5849625) / 8.892789, within(1e-6));
    }
}
