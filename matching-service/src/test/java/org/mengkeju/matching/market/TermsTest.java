package org.mengkeju.matching.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TermsTest {

    @Test
    void chineseIsSegmentedIntoWordsWithoutPunctuationNumbersOrCommonWords() {
        var terms = Terms.of("每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。");

        assertThat(terms).contains("稀土", "抛光", "废料", "回收", "氧化", "纯度")
                .doesNotContain("800", "99.9", "希望", "其中", "，", "。", "降低");
    }

    @Test
    void wordsComeInTheOrderTheyFirstAppearAndOnce() {
        assertThat(Terms.of("稀土硫化物着色剂", "稀土着色剂用于工程塑料")).startsWith("稀土", "硫化物", "着色剂")
                .containsOnlyOnce("稀土");
    }

    @Test
    void englishIsLowerCasedAndShortWordsDropped() {
        assertThat(Terms.of("PBAT 可降解地膜 degrades in 180 days")).contains("pbat", "降解", "地膜")
                .doesNotContain("in", "180");
    }

    @Test
    void emptyAndMissingTextsHaveNoTerms() {
        assertThat(Terms.of(null, "", "  ", "，。！")).isEmpty();
    }
}
