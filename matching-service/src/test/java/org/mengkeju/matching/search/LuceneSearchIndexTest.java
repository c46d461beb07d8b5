package org.mengkeju.matching.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.matching.search.Searchable.Kind;

/** The Lucene index on a real folder: what it finds, what it refuses to keep, and what survives a restart. */
class LuceneSearchIndexTest {

    @TempDir
    Path folder;
    LuceneSearchIndex index;

    static Searchable wetRecovery(long version, boolean visible) {
        return new Searchable("ach-wet", Kind.ACHIEVEMENT, "稀土抛光粉废料湿法回收氧化铈工艺",
                "以盐酸优溶与草酸沉淀回收抛光粉废料中的氧化铈，纯度99.95%，酸耗降低30%。", "RARE_EARTHS", "150200",
                "PILOT", Set.of("LICENCE", "ASSIGNMENT"), new BigDecimal("1200000.00"), version, visible);
    }

    static final Searchable CERIUM_DEMAND = new Searchable("dem-cerium", Kind.DEMAND, "稀土抛光粉废料中铈的回收提纯",
            "每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈。\n稀土冶炼分离", "RARE_EARTHS", "150200", "PILOT",
            Set.of("LICENCE", "DEVELOPMENT"), new BigDecimal("2000000.00"), 0, true);
    static final Searchable FILM = new Searchable("ach-film", Kind.ACHIEVEMENT, "PBAT可降解地膜",
            "180天完全降解，适用于玉米和马铃薯种植 biodegradable mulch film", "NEW_MATERIALS", "150100", "INDUSTRIALISED",
            Set.of("LICENCE"), new BigDecimal("800000"), 2, true);
    static final Searchable FEED = new Searchable("ach-feed", Kind.ACHIEVEMENT, "玉米皮菌体蛋白生物发酵饲料",
            "吨玉米皮利润提高到1048元", "MODERN_AGRICULTURE", "150100", "INDUSTRIALISED", Set.of("LICENCE"), null, 1,
            true);

    @BeforeEach
    void open() {
        index = new LuceneSearchIndex(folder);
        index.putAll(List.of(wetRecovery(3, true), CERIUM_DEMAND, FILM, FEED));
    }

    @AfterEach
    void close() {
        index.close();
    }

    static SearchQuery text(String text) {
        return new SearchQuery(text, null, null, null, null, null, null, null, 0, 10);
    }

    @Test
    void chineseWordsFindAchievementsAndDemandsWithTheMatchesMarked() {
        var page = index.search(text("抛光粉废料回收"));

        assertThat(page.hits()).extracting(SearchHit::id).containsExactlyInAnyOrder("ach-wet", "dem-cerium");
        assertThat(page.total()).isEqualTo(2);
        SearchHit wet = page.hits().stream().filter(h -> h.id().equals("ach-wet")).findFirst().orElseThrow();
        assertThat(wet.highlightedTitle()).contains("<em>抛光</em>").contains("<em>回收</em>");
        assertThat(wet.snippet()).contains("<em>废料</em>");
        assertThat(wet.priceYuan()).isEqualByComparingTo("1200000.00");
        assertThat(page.hits()).allSatisfy(h -> assertThat(h.score()).isPositive().isFinite());
        assertThat(page.hits().get(0).score()).isGreaterThanOrEqualTo(page.hits().get(1).score());
    }

    @Test
    void englishWordsAreFoundStemmedAndMarkedAsWritten() {
        var hits = index.search(text("Biodegradable films")).hits();

        assertThat(hits).extracting(SearchHit::id).containsExactly("ach-film");
        assertThat(hits.get(0).snippet()).contains("<em>biodegradable</em> mulch <em>film</em>");
    }

    @Test
    void theTotalIsExactUpToAThousandAndSaysAtLeastBeyond() {
        List<Searchable> grass = new java.util.ArrayList<>();
        for (int i = 0; i < SearchIndex.TOTAL_HITS_COUNTED + 200; i++) {
            // Scores differ by how often the word is said, so that skipping hits has something to skip.
            grass.add(new Searchable("ach-grass-%04d".formatted(i), Kind.ACHIEVEMENT, "苜蓿草种丸粒化包衣技术第" + i + "项",
                    "苜蓿".repeat(1 + i % 7) + "种子丸粒化包衣，出苗率提高" + (i % 40) + "%", "GRASS", "150700",
                    "PILOT", Set.of("LICENCE"), new BigDecimal(100_000 + i), 1, true));
        }
        index.putAll(grass);

        var many = index.search(text("苜蓿 包衣"));
        var few = index.search(new SearchQuery("苜蓿 包衣", null, null, null, null, null, new BigDecimal("100000"),
                new BigDecimal("100049"), 0, 10));

        assertThat(many.total()).isEqualTo(SearchIndex.TOTAL_HITS_COUNTED);
        assertThat(many.totalExact()).isFalse();
        assertThat(few.total()).isEqualTo(50);
        assertThat(few.totalExact()).isTrue();
        // Counting stops early, ranking does not: the first page is the head of a deeper one, in the same order.
        var deeper = index.search(new SearchQuery("苜蓿 包衣", null, null, null, null, null, null, null, 0, 50));
        assertThat(many.hits()).extracting(SearchHit::id)
                .containsExactlyElementsOf(deeper.hits().subList(0, 10).stream().map(SearchHit::id).toList());
        assertThat(deeper.hits()).extracting(SearchHit::score).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    }

    @Test
    void anIndexWrittenInAnOlderLayoutIsEmptiedWhenOpenedSoTheCatchUpFillsItAgain() throws Exception {
        index.close();
        Path old = folder.resolve("old-layout");
        try (var writer = new org.apache.lucene.index.IndexWriter(org.apache.lucene.store.FSDirectory.open(old),
                new org.apache.lucene.index.IndexWriterConfig(new org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer()))) {
            var doc = new org.apache.lucene.document.Document();
            doc.add(new org.apache.lucene.document.StringField("id", "ach-wet",
                    org.apache.lucene.document.Field.Store.YES));
            doc.add(new org.apache.lucene.document.TextField("title", "稀土抛光粉废料湿法回收氧化铈工艺",
                    org.apache.lucene.document.Field.Store.YES));
            writer.addDocument(doc);
            writer.commit();
        }

        index = new LuceneSearchIndex(old);

        assertThat(index.versionOf("ach-wet")).isEmpty();
        assertThat(index.put(wetRecovery(3, true))).isTrue();
        assertThat(index.search(text("抛光")).hits()).extracting(SearchHit::id).containsExactly("ach-wet");
        index.close();
        index = new LuceneSearchIndex(old);
        assertThat(index.versionOf("ach-wet")).as("kept once written in the current layout").hasValue(3L);
    }

    @Test
    void filtersNarrowByKindChainRegionModeAndPrice() {
        assertThat(index.search(new SearchQuery("回收", Kind.DEMAND, null, null, null, null, null, null, 0, 10)).hits())
                .extracting(SearchHit::id).containsExactly("dem-cerium");
        assertThat(index.search(new SearchQuery(null, null, "MODERN_AGRICULTURE", null, null, null, null, null, 0, 10))
                .hits()).extracting(SearchHit::id).containsExactly("ach-feed");
        assertThat(index.search(new SearchQuery(null, Kind.ACHIEVEMENT, null, null, null, "ASSIGNMENT", null, null, 0,
                10)).hits()).extracting(SearchHit::id).containsExactly("ach-wet");
        assertThat(index.search(new SearchQuery(null, null, null, "150100", null, null, new BigDecimal("500000"),
                new BigDecimal("1000000"), 0, 10)).hits()).extracting(SearchHit::id).containsExactly("ach-film");
        // A price filter leaves out what is negotiable.
        assertThat(index.search(new SearchQuery(null, null, null, null, null, null, BigDecimal.ZERO, null, 0, 10))
                .hits()).extracting(SearchHit::id).doesNotContain("ach-feed");
    }

    @Test
    void aNewerVersionReplacesAnOlderAndAStaleOneIsRefused() {
        assertThat(index.put(wetRecovery(5, false))).isTrue();
        assertThat(index.put(wetRecovery(4, true))).isFalse();
        assertThat(index.put(wetRecovery(5, true))).isFalse();

        assertThat(index.search(text("氧化铈")).hits()).extracting(SearchHit::id).doesNotContain("ach-wet");
        assertThat(index.versionOf("ach-wet")).hasValue(5L);
    }

    @Test
    void whatWasIndexedSurvivesARestartWithItsVersions() {
        index.close();
        index = new LuceneSearchIndex(folder);

        assertThat(index.versionOf("ach-wet")).hasValue(3L);
        assertThat(index.put(wetRecovery(3, true))).isFalse();
        assertThat(index.search(text("抛光")).hits()).extracting(SearchHit::id).contains("ach-wet", "dem-cerium");
    }

    @Test
    void queriesOfSymbolsQuotesSyntaxAndEmojiAreTextNotSyntax() {
        assertThat(index.search(text("\"稀土 AND (抛光 OR *:*")).hits()).extracting(SearchHit::id)
                .contains("ach-wet", "dem-cerium").doesNotContain("ach-feed");
        assertThat(index.search(text("😀🌾")).hits()).isEmpty();
        assertThat(index.search(text("稀土".repeat(5_000))).hits()).isNotEmpty();
        assertThat(index.search(text("   ")).total()).isEqualTo(4);
        assertThat(index.search(text("   ")).hits()).allSatisfy(h -> assertThat(h.score()).isFinite());
    }

    @Test
    void candidatesForMatchingShareTheChainOrAWordAndAreOfTheKindAsked() {
        assertThat(ids(index.candidates(Kind.ACHIEVEMENT, "RARE_EARTHS", Set.of("抛光", "废料"), 10)))
                .containsExactly("ach-wet");
        assertThat(ids(index.candidates(Kind.ACHIEVEMENT, "SEEDS", Set.of("玉米"), 10)))
                .containsExactlyInAnyOrder("ach-film", "ach-feed");
        assertThat(ids(index.candidates(Kind.DEMAND, "RARE_EARTHS", Set.of(), 10))).containsExactly("dem-cerium");
        assertThat(index.candidates(Kind.ACHIEVEMENT, "DAIRY", Set.of("乳清"), 10)).isEmpty();
    }

    @Test
    void aCandidatesTextScoreLeavesTheChainOut() {
        // Same words, one of the demand's chain and one not: the chain ranks it first but adds nothing to its text.
        index.put(new Searchable("ach-film-2", Kind.ACHIEVEMENT, "PBAT可降解地膜",
                "180天完全降解，适用于玉米和马铃薯种植 biodegradable mulch film", "SEEDS", "150100", "INDUSTRIALISED",
                Set.of("LICENCE"), new BigDecimal("800000"), 1, true));
        List<SearchIndex.Candidate> found = index.candidates(Kind.ACHIEVEMENT, "SEEDS", Set.of("降解", "地膜"), 10);

        assertThat(ids(found)).containsExactly("ach-film-2", "ach-film");
        assertThat(found.get(0).textScore()).isPositive().isCloseTo(found.get(1).textScore(),
                org.assertj.core.data.Offset.offset(1e-4f));
        SearchIndex.Candidate chainOnly = index.candidates(Kind.DEMAND, "RARE_EARTHS", Set.of("马铃薯"), 10).get(0);
        assertThat(chainOnly.id()).isEqualTo("dem-cerium");
        assertThat(chainOnly.textScore()).isZero();
    }

    private static List<String> ids(List<SearchIndex.Candidate> candidates) {
        return candidates.stream().map(SearchIndex.Candidate::id).toList();
    }

    @Test
    void pagesFollowOneAnotherWithoutOverlap() {
        var first = index.search(new SearchQuery(null, null, null, null, null, null, null, null, 0, 2));
        var second = index.search(new SearchQuery(null, null, null, null, null, null, null, null, 2, 2));

        assertThat(first.hits()).hasSize(2);
        assertThat(second.hits()).hasSize(2);
        assertThat(first.hits()).extracting(SearchHit::id).doesNotContainAnyElementsOf(
                second.hits().stream().map(SearchHit::id).toList());
    }

    @Test
    void aSnippetEscapesMarkupAndNeverSplitsAnEmoji() {
        String text = "<b>稀土</b> & 😀".repeat(30) + "抛光";

        String snippet = Snippets.highlight(text, Set.of("抛光"), 40);

        assertThat(snippet).contains("<em>抛光</em>").doesNotContain("<b>").contains("&lt;b&gt;");
        assertThat(snippet.codePoints().noneMatch(c -> Character.isSurrogate((char) c) && c < 0x10000)).isTrue();
    }
}
