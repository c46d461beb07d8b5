package org.mengkeju.matching.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.QueryBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.match.Profiles.Wanted;
import org.mengkeju.matching.match.RelevanceSet.Achievement;
import org.mengkeju.matching.match.RelevanceSet.Demand;
import org.mengkeju.matching.search.LuceneSearchIndex;
import org.mengkeju.matching.search.SearchIndex;
import org.mengkeju.matching.search.Searchable;

/**
 * Relevance, measured: nDCG@10 over the labelled set of the engine's top 10 for each demand (candidates from the
 * search index, explained scoring, exactly as the match endpoint ranks them) and of plain BM25 over the same
 * achievements with the demand's text as the query. The engine must rank better than plain text search; the two
 * numbers go to {@code target/relevance.json}.
 */
class RelevanceTest {

    static final int K = 10;

    @TempDir
    static Path folder;
    static RelevanceSet set;
    static LuceneSearchIndex index;
    static Map<String, Offered> offered;

    @BeforeAll
    static void indexTheSet() {
        set = RelevanceSet.load();
        index = new LuceneSearchIndex(folder.resolve("engine"));
        // What SearchFeed puts for a public achievement, and what Matchmaker makes of the catalog's event.
        offered = set.achievements().stream().map(a -> Matchmaker.offered(published(a)))
                .collect(Collectors.toMap(Offered::id, Function.identity()));
        index.putAll(set.achievements().stream().map(RelevanceTest::searchable).toList());
    }

    @AfterAll
    static void close() {
        index.close();
    }

    @Test
    void theSetIsLargeEnoughAndEveryJudgmentNamesAnAchievement() {
        assertThat(set.demands()).hasSizeGreaterThanOrEqualTo(30);
        assertThat(set.achievements()).hasSizeGreaterThanOrEqualTo(150);
        Set<String> ids = offered.keySet();
        assertThat(ids).hasSize(set.achievements().size());
        for (Demand demand : set.demands()) {
            assertThat(ids).as(demand.id()).containsAll(demand.grades().keySet());
            assertThat(demand.grades().values()).as(demand.id()).allMatch(g -> g >= 0 && g <= 3).contains(3);
        }
        assertThat(set.demands().stream().map(Demand::chain).distinct()).hasSizeGreaterThanOrEqualTo(10);
    }

    @Test
    void theEngineRanksBetterThanPlainBm25() throws IOException {
        Map<String, List<String>> engine = new LinkedHashMap<>();
        Map<String, List<String>> bm25;
        for (Demand demand : set.demands()) {
            engine.put(demand.id(), engineTop(demand));
        }
        try (Bm25 plain = new Bm25(set.achievements())) {
            bm25 = new LinkedHashMap<>();
            for (Demand demand : set.demands()) {
                bm25.put(demand.id(), plain.top(demand.title() + "\n" + demand.problem() + "\n" + demand.field(), K));
            }
        }
        Map<String, double[]> perDemand = new LinkedHashMap<>();
        for (Demand demand : set.demands()) {
            perDemand.put(demand.id(), new double[] {Ndcg.at(K, engine.get(demand.id()), demand.grades()),
                    Ndcg.at(K, bm25.get(demand.id()), demand.grades())});
        }
        double engineMean = perDemand.values().stream().mapToDouble(v -> v[0]).average().orElseThrow();
        double bm25Mean = perDemand.values().stream().mapToDouble(v -> v[1]).average().orElseThrow();
        report(perDemand, engine, bm25, engineMean, bm25Mean);

        assertThat(engineMean).as("mean nDCG@10 of the engine against plain BM25 (%.4f)", bm25Mean)
                .isGreaterThan(bm25Mean);
    }

    /** The engine's top 10 for a demand, as {@link Matchmaker#achievementsFor} ranks them. */
    static List<String> engineTop(Demand demand) {
        return MatchScorer.top(engineMatches(demand), K).stream().map(Match::candidateId).toList();
    }

    /** Every match the engine finds for a demand, with its reasons, before the cut at the top 10. */
    static List<Match> engineMatches(Demand demand) {
        Wanted wanted = wanted(demand);
        // Matchmaker.searchWords of the demand as posted.
        List<SearchIndex.Candidate> candidates = index.candidates(Searchable.Kind.ACHIEVEMENT, wanted.chain().name(),
                Terms.searchWords(demand.title(), demand.problem(), demand.field()), Matchmaker.CANDIDATES);
        Map<String, Double> text = Matchmaker.textRelevance(candidates);
        return candidates.stream()
                .map(c -> MatchScorer.achievementFor(wanted, offered.get(c.id()), text.get(c.id())))
                .flatMap(Optional::stream).toList();
    }

    /**
     * What each of the engine's signals is worth on this set: mean nDCG@10 with that kind of reason's points taken out
     * of every score (the rest unchanged, ties by id). A signal whose removal does not lower the mean does not help
     * here; reported, not asserted, so that nobody tunes weights or grades to this one set.
     */
    @Test
    void eachSignalsShareIsMeasuredByLeavingItOut() throws IOException {
        Map<String, List<Match>> all = new LinkedHashMap<>();
        for (Demand demand : set.demands()) {
            all.put(demand.id(), engineMatches(demand));
        }
        double full = meanWithout(all, Set.of());
        Map<String, Double> without = new LinkedHashMap<>();
        for (MatchReason.Kind kind : MatchReason.Kind.values()) {
            without.put(kind.name(), meanWithout(all, Set.of(kind)));
        }
        without.put("TERMS_OF_THE_DEAL", meanWithout(all, Set.of(MatchReason.Kind.TRANSFER_MODE,
                MatchReason.Kind.PRICE, MatchReason.Kind.MATURITY, MatchReason.Kind.REGION)));
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "{%n  \"ndcg10_engine\": %.4f,%n"
                + "  \"ndcg10_without\": {%n", full));
        json.append(without.entrySet().stream().map(e -> String.format(Locale.ROOT, "    \"%s\": %.4f", e.getKey(),
                e.getValue())).collect(Collectors.joining(",\n")));
        json.append(String.format("%n  }%n}%n"));
        System.out.printf(Locale.ROOT, "nDCG@10 of the engine %.4f; without each signal: %s%n", full, without);
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("relevance-ablation.json"), json, StandardCharsets.UTF_8);

        // Leaving nothing out is the engine itself: the rescoring takes the reasons apart the way the scorer adds them.
        assertThat(full).isCloseTo(set.demands().stream().mapToDouble(d -> Ndcg.at(K, engineTop(d), d.grades()))
                .average().orElseThrow(), org.assertj.core.data.Offset.offset(1e-9));
        assertThat(without.values()).allSatisfy(v -> assertThat(v).isBetween(0.0, 1.0));
    }

    private static double meanWithout(Map<String, List<Match>> matches, Set<MatchReason.Kind> left) {
        return set.demands().stream().mapToDouble(demand -> {
            List<Match> rescored = matches.get(demand.id()).stream().map(m -> {
                List<MatchReason> kept = m.reasons().stream().filter(r -> !left.contains(r.kind())).toList();
                return new Match(m.candidateId(), kept.stream().mapToInt(MatchReason::points).sum(), kept);
            }).toList();
            return Ndcg.at(K, MatchScorer.top(rescored, K).stream().map(Match::candidateId).toList(),
                    demand.grades());
        }).average().orElseThrow();
    }

    /** A demand as Matchmaker sees one posted: its terms are those the demand keeps of title, problem and field. */
    static Wanted wanted(Demand d) {
        return new Wanted(d.id(), d.chain(), Collections.unmodifiableSet(Terms.of(d.title(), d.problem(), d.field())),
                d.region(),
                d.budget(), d.modes(), d.maturity());
    }

    static Searchable searchable(Achievement a) {
        return new Searchable(a.id(), Searchable.Kind.ACHIEVEMENT, a.title(),
                Searchable.achievementBody(a.title(), a.summary(), offered.get(a.id()).terms()), a.chain().name(),
                a.region(), a.maturity().name(), a.modes().stream().map(Enum::name).collect(Collectors.toSet()),
                a.priceYuan(), 1, true);
    }

    static AchievementChanged published(Achievement a) {
        return new AchievementChanged(a.id(), "PUBLISHED", "IN_REVIEW", "PUBLISHED", "catalog", null, List.of(),
                a.title(), a.summary(), a.field(), a.keywords(), "inst-" + a.id(), a.chain().name(),
                a.maturity().name(), null, a.modes().stream().map(Enum::name).toList(), a.priceYuan(), null, null,
                a.region(), null, 1, Instant.EPOCH, List.of());
    }

    private static void report(Map<String, double[]> perDemand, Map<String, List<String>> engine,
            Map<String, List<String>> bm25, double engineMean, double bm25Mean) throws IOException {
        StringBuilder table = new StringBuilder();
        perDemand.forEach((id, v) -> table.append(String.format(Locale.ROOT, "%s engine %.3f bm25 %.3f  engine %s%n"
                + "                          bm25   %s%n", id, v[0], v[1], engine.get(id), bm25.get(id))));
        System.out.printf(Locale.ROOT, "%snDCG@%d over %d demands and %d achievements: engine %.4f, BM25 %.4f%n",
                table, K, perDemand.size(), set.achievements().size(), engineMean, bm25Mean);
        List<String> rows = new ArrayList<>();
        perDemand.forEach((id, v) -> rows.add(String.format(Locale.ROOT, "    \"%s\": {\"engine\": %.4f, \"bm25\": %.4f}",
                id, v[0], v[1])));
        // The margin is a mean over few demands: how many each side wins says whether it is more than noise.
        long wins = perDemand.values().stream().filter(v -> v[0] > v[1] + 1e-9).count();
        long losses = perDemand.values().stream().filter(v -> v[1] > v[0] + 1e-9).count();
        String json = String.format(Locale.ROOT, "{%n  \"k\": %d,%n  \"demands\": %d,%n  \"achievements\": %d,%n"
                + "  \"ndcg10_engine\": %.4f,%n  \"ndcg10_bm25\": %.4f,%n  \"engine_better\": %d,%n"
                + "  \"bm25_better\": %d,%n  \"per_demand\": {%n%s%n  }%n}%n", K, perDemand.size(),
                set.achievements().size(), engineMean, bm25Mean, wins, losses, String.join(",\n", rows));
        Path target = Path.of("target");
        Files.createDirectories(target);
        Files.writeString(target.resolve("relevance.json"), json, StandardCharsets.UTF_8);
    }

    /**
     * Plain text search, the baseline: Lucene's BM25 over one field holding an achievement's title, summary, field
     * and keywords (the text the engine's words come from), SmartChinese on both sides, the demand's text as an OR
     * of its words, no chain, price, maturity, mode or region.
     */
    static final class Bm25 implements AutoCloseable {

        private final Analyzer analyzer = new SmartChineseAnalyzer();
        private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
        private final DirectoryReader reader;

        Bm25(List<Achievement> achievements) throws IOException {
            try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
                for (Achievement a : achievements) {
                    Document doc = new Document();
                    doc.add(new StringField("id", a.id(), Field.Store.YES));
                    doc.add(new TextField("text", String.join("\n", a.title(), a.summary(), a.field(),
                            String.join(" ", a.keywords())), Field.Store.NO));
                    writer.addDocument(doc);
                }
            }
            reader = DirectoryReader.open(directory);
        }

        List<String> top(String text, int k) throws IOException {
            Query query = new QueryBuilder(analyzer).createBooleanQuery("text", text);
            IndexSearcher searcher = new IndexSearcher(reader);
            List<String> ids = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, k).scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc).get("id"));
            }
            return ids;
        }

        @Override
        public void close() throws IOException {
            reader.close();
            directory.close();
        }
    }
}
