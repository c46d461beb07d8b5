package org.mengkeju.matching;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.matching.match.Match;
import org.mengkeju.matching.match.MatchScorer;
import org.mengkeju.matching.match.Matchmaker;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.match.Profiles.Wanted;
import org.mengkeju.matching.search.LuceneSearchIndex;
import org.mengkeju.matching.search.SearchIndex;
import org.mengkeju.matching.search.SearchQuery;
import org.mengkeju.matching.search.Searchable;

/**
 * Indexing rate, search latency and top-10 match latency over a synthetic corpus of achievements written from the
 * region's chains and their terms. Not a test: run by {@code bin/bench-matching}; see benchmarks/README.md.
 *
 * <p>What it covers: segmentation (SmartChinese), the Lucene index on disk, candidate retrieval and explained scoring.
 * What it leaves out: the MongoDB reads and writes around them (the service reads the candidates' copies from the
 * store; here they are held in memory).
 */
class MatchingBenchmark {

    /** Terms of each chain, as listings and demands of the region use them. */
    static final Map<IndustryChain, List<String>> TERMS = Map.ofEntries(
            Map.entry(IndustryChain.RARE_EARTHS, List.of("稀土", "抛光粉", "氧化铈", "钕铁硼", "永磁", "萃取", "分离",
                    "硫化物", "着色剂", "镧", "催化", "储氢合金", "发光材料", "废料回收")),
            Map.entry(IndustryChain.DAIRY, List.of("乳业", "原料奶", "乳清", "奶酪", "益生菌", "发酵乳", "奶粉",
                    "冷链", "牧场", "乳糖", "检测")),
            Map.entry(IndustryChain.GRASS, List.of("草业", "苜蓿", "燕麦草", "草种", "丸粒化", "青贮", "草原修复",
                    "沙化", "牧草", "种植")),
            Map.entry(IndustryChain.SEEDS, List.of("种业", "玉米", "小麦", "马铃薯", "育种", "杂交", "新品种", "脱毒",
                    "肉羊", "胚胎移植", "基因")),
            Map.entry(IndustryChain.NEW_ENERGY, List.of("光伏", "风电", "储能", "逆变器", "组件", "功率预测", "运维",
                    "电网", "风机", "叶片")),
            Map.entry(IndustryChain.HYDROGEN, List.of("氢能", "电解水", "制氢", "燃料电池", "储氢", "加氢站", "绿氢",
                    "质子交换膜", "催化剂")),
            Map.entry(IndustryChain.NEW_MATERIALS, List.of("新材料", "可降解", "地膜", "石墨烯", "碳纤维", "铝合金",
                    "涂层", "陶瓷", "复合材料", "薄膜")),
            Map.entry(IndustryChain.BIOMEDICINE, List.of("蒙药", "降脂", "胶囊", "肉苁蓉", "黄芪", "提取物", "疫苗",
                    "诊断试剂", "制剂", "活性成分")),
            Map.entry(IndustryChain.EQUIPMENT_MANUFACTURING, List.of("机器人", "高炉", "泥炮", "自动化", "数控",
                    "减速器", "传感器", "雷达", "监测", "智能控制")),
            Map.entry(IndustryChain.COAL_CHEMICALS, List.of("煤化工", "煤制烯烃", "固废", "气化", "焦化", "甲醇",
                    "低碳", "粉煤灰", "煤矸石", "废水处理")),
            Map.entry(IndustryChain.ARTIFICIAL_INTELLIGENCE, List.of("人工智能", "图像识别", "大模型", "算法",
                    "边缘计算", "视觉检测", "预测", "知识图谱")),
            Map.entry(IndustryChain.ECOLOGY_ENVIRONMENT, List.of("生态", "荒漠化", "土壤修复", "污水", "节水",
                    "盐碱地", "碳汇", "固沙", "植被恢复")));
    static final List<String> KINDS = List.of("工艺", "技术", "装置", "系统", "方法", "材料", "设备");
    static final List<String> REGIONS = List.of("150100", "150200", "150300", "150400", "150500", "150600", "150700",
            "150800", "150900", "152200", "152500", "152900");

    final Random random = new Random(2026);
    final List<IndustryChain> chains = new ArrayList<>(TERMS.keySet().stream().sorted().toList());

    @Test
    void measure() throws IOException {
        int corpus = Integer.getInteger("benchmark.corpus", 100_000);
        int samples = Integer.getInteger("benchmark.samples", 1_000);
        Path folder = Files.createTempDirectory("matching-benchmark");
        Map<String, Offered> profiles = new HashMap<>(corpus * 2);

        long started = System.nanoTime();
        try (LuceneSearchIndex index = new LuceneSearchIndex(folder)) {
            List<Searchable> batch = new ArrayList<>();
            for (int i = 0; i < corpus; i++) {
                Searchable item = achievement(i);
                // What the service does for each achievement: segment it for matching, and index it for search.
                profiles.put(item.id(), new Offered(item.id(), IndustryChain.valueOf(item.industryChain()),
                        Terms.of(item.title(), item.body()), item.regionCode(), item.priceYuan(),
                        modes(item.transferModes()), Maturity.valueOf(item.maturity())));
                batch.add(item);
                if (batch.size() == 1_000) {
                    index.putAll(batch);
                    batch.clear();
                }
            }
            index.putAll(batch);
            index.commit();
            double indexSeconds = (System.nanoTime() - started) / 1e9;
            double indexPerSecond = corpus / indexSeconds;

            List<Double> search = new ArrayList<>();
            List<Double> searchWithoutPause = new ArrayList<>();
            List<Double> match = new ArrayList<>();
            String loadBefore = loadAverage();
            long pausesBefore = gcPauses();
            for (int i = -200; i < samples; i++) {
                SearchQuery query = searchQuery();
                long pauses = gcPauses();
                long[] timed = onRequestThread(() -> index.search(query));
                long t0 = timed[0];
                long t1 = timed[1];
                boolean paused = gcPauses() != pauses;
                Wanted wanted = demand(i);
                List<SearchIndex.Candidate> candidates = index.candidates(Searchable.Kind.ACHIEVEMENT,
                        wanted.chain().name(), wanted.terms(), 1_000);
                Map<String, Double> text = Matchmaker.textRelevance(candidates);
                List<Match> matches = new ArrayList<>();
                for (SearchIndex.Candidate candidate : candidates) {
                    MatchScorer.achievementFor(wanted, profiles.get(candidate.id()), text.get(candidate.id()))
                            .ifPresent(matches::add);
                }
                MatchScorer.top(matches, 10);
                long t2 = System.nanoTime();
                if (i >= 0) {
                    search.add((t1 - t0) / 1e6);
                    if (!paused) {
                        searchWithoutPause.add((t1 - t0) / 1e6);
                    }
                    match.add((t2 - t1) / 1e6);
                }
            }
            long pausesDuring = gcPauses() - pausesBefore;
            String loadAfter = loadAverage();
            List<Double> cpu = searchCpu(index, samples);
            List<Double> whileIndexing = searchWhileIndexing(index, corpus, samples);
            write(corpus, indexPerSecond, percentile(search, 50), percentile(search, 99), percentile(match, 50),
                    percentile(match, 99), samples, new Conditions(loadBefore, loadAfter, pausesDuring,
                            search.size() - searchWithoutPause.size(), percentile(searchWithoutPause, 99),
                            percentile(whileIndexing, 50), percentile(whileIndexing, 99), INDEXING_WHILE_SEARCHING,
                            percentile(cpu, 50), percentile(cpu, 99)));
        }
    }

    Searchable achievement(int i) {
        IndustryChain chain = chains.get(random.nextInt(chains.size()));
        List<String> terms = TERMS.get(chain);
        String a = pick(terms);
        String b = pick(terms);
        String title = a + b + pick(KINDS);
        String summary = "针对" + pick(terms) + "与" + pick(terms) + "的难题，采用" + pick(terms) + pick(KINDS)
                + "，使效率提高" + (10 + random.nextInt(60)) + "%，成本降低" + (5 + random.nextInt(40)) + "%，已在"
                + (1 + random.nextInt(20)) + "家企业应用。";
        Set<String> modes = new LinkedHashSet<>();
        modes.add(random.nextBoolean() ? "LICENCE" : "ASSIGNMENT");
        if (random.nextInt(4) == 0) {
            modes.add("EQUITY");
        }
        BigDecimal price = random.nextInt(5) == 0 ? null
                : BigDecimal.valueOf(100_000L + random.nextInt(9_900) * 1_000L);
        return new Searchable(String.format(Locale.ROOT, "ach-%016x", i), Searchable.Kind.ACHIEVEMENT, title, summary,
                chain.name(), pick(REGIONS), Maturity.values()[random.nextInt(4)].name(), modes, price, 1, true);
    }

    Wanted demand(int i) {
        IndustryChain chain = chains.get(random.nextInt(chains.size()));
        List<String> terms = TERMS.get(chain);
        String text = "希望引进" + pick(terms) + pick(terms) + pick(KINDS) + "，解决" + pick(terms) + "问题";
        return new Wanted("dem-" + i, chain, Terms.of(text), pick(REGIONS),
                new BudgetRange(null, BigDecimal.valueOf(500_000L + random.nextInt(5_000) * 1_000L)),
                EnumSet.of(TransferMode.LICENCE), Maturity.PILOT);
    }

    SearchQuery searchQuery() {
        IndustryChain chain = chains.get(random.nextInt(chains.size()));
        String text = pick(TERMS.get(chain)) + " " + pick(TERMS.get(chain));
        String filter = random.nextBoolean() ? chain.name() : null;
        return new SearchQuery(text, null, filter, null, null, null, null, null, 0, 10);
    }

    String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    static Set<TransferMode> modes(Set<String> names) {
        EnumSet<TransferMode> modes = EnumSet.noneOf(TransferMode.class);
        names.forEach(n -> modes.add(TransferMode.valueOf(n)));
        return modes;
    }

    /**
     * The processor time each search takes on this thread (a platform thread: a virtual thread's is not measured),
     * which other work on a shared machine does not lengthen the way it lengthens the time on the clock.
     */
    List<Double> searchCpu(LuceneSearchIndex index, int samples) {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            SearchQuery query = searchQuery();
            long before = threads.getCurrentThreadCpuTime();
            index.search(query);
            cpu.add((threads.getCurrentThreadCpuTime() - before) / 1e6);
        }
        return cpu;
    }

    /** Listings per second put one by one during {@link #searchWhileIndexing}: a sub-center's batch arriving. */
    static final int INDEXING_WHILE_SEARCHING = 200;

    /**
     * Search latency while listings keep arriving one event at a time, as the service puts each catalog event
     * ({@code SearchFeed}): every put must become searchable, so the searcher is reopened under the searches.
     */
    List<Double> searchWhileIndexing(LuceneSearchIndex index, int corpus, int samples) {
        List<Searchable> arriving = new ArrayList<>();
        for (int i = 0; i < samples * 2; i++) {
            arriving.add(achievement(corpus + i));
        }
        List<SearchQuery> queries = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            queries.add(searchQuery());
        }
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread feed = Thread.ofPlatform().name("benchmark-feed").start(() -> {
            long every = 1_000_000_000L / INDEXING_WHILE_SEARCHING;
            long next = System.nanoTime();
            for (Searchable item : arriving) {
                if (stop.get()) {
                    return;
                }
                index.put(item);
                next += every;
                java.util.concurrent.locks.LockSupport.parkNanos(Math.max(0, next - System.nanoTime()));
            }
        });
        List<Double> latencies = new ArrayList<>();
        try {
            for (SearchQuery query : queries) {
                long[] timed = onRequestThread(() -> index.search(query));
                latencies.add((timed[1] - timed[0]) / 1e6);
                // About as often as the searches of the main loop, which leave a match's time between them.
                java.util.concurrent.locks.LockSupport.parkNanos(5_000_000L);
            }
        } finally {
            stop.set(true);
            try {
                feed.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return latencies;
    }

    /**
     * Runs {@code search} the way the service answers a request, on a new virtual thread (the platform's web server
     * runs each request on one), and returns when it started and ended; per-thread caches (an analyzer's reused
     * token streams) are therefore as cold as they are in the service.
     */
    static long[] onRequestThread(Runnable search) {
        long[] timed = new long[2];
        Thread request = Thread.ofVirtual().start(() -> {
            timed[0] = System.nanoTime();
            search.run();
            timed[1] = System.nanoTime();
        });
        try {
            request.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return timed;
    }

    /** What the machine and the JVM were doing while the latencies were sampled, so that a reader can weigh them. */
    record Conditions(String loadBefore, String loadAfter, long gcPauses, int searchesWithPause,
            double searchP99WithoutPause, double whileIndexingP50, double whileIndexingP99, int indexingPerSecond,
            double cpuP50, double cpuP99) {
    }

    /** The 1, 5 and 15 minute load averages of the machine (shared with others), as /proc/loadavg says them. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f",
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Stop-the-world collections so far (a concurrent collector's background cycles do not stop a search). */
    static long gcPauses() {
        long count = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!gc.getName().contains("Concurrent")) {
                count += Math.max(0, gc.getCollectionCount());
            }
        }
        return count;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = values.stream().sorted().toList();
        int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, at)));
    }

    /** A number RelevanceTest measured on the labelled set (it writes target/relevance.json), or null. */
    static String relevance(String key) throws IOException {
        Path measured = Path.of("target", "relevance.json");
        if (!Files.exists(measured)) {
            return "null";
        }
        var found = java.util.regex.Pattern.compile("\"" + key + "\":\\s*([0-9.]+)")
                .matcher(Files.readString(measured));
        return found.find() ? found.group(1) : "null";
    }

    static void write(int corpus, double indexPerSecond, double searchP50, double searchP99, double matchP50,
            double matchP99, int samples, Conditions conditions) throws IOException {
        Path results = Path.of(System.getProperty("benchmark.results", "target/benchmark-results"));
        Files.createDirectories(results);
        String json = String.format(Locale.ROOT, """
                {
                  "corpus": %d,
                  "index_per_second": %.0f,
                  "search_p50_ms": %.2f,
                  "search_p99_ms": %.2f,
                  "match_p50_ms": %.2f,
                  "match_p99_ms": %.2f,
                  "ndcg10_engine": %s,
                  "ndcg10_bm25": %s,
                  "search_p99_without_gc_pause_ms": %.2f,
                  "search_cpu_p50_ms": %.2f,
                  "search_cpu_p99_ms": %.2f,
                  "search_while_indexing_p50_ms": %.2f,
                  "search_while_indexing_p99_ms": %.2f,
                  "indexing_while_searching_per_second": %d,
                  "searches_with_gc_pause": %d,
                  "gc_pauses_while_sampling": %d,
                  "load_average_before": "%s",
                  "load_average_after": "%s",
                  "cores": %d,
                  "jdk": "%s",
                  "measured_at": "%s"
                }
                """, corpus, indexPerSecond, searchP50, searchP99, matchP50, matchP99, relevance("ndcg10_engine"),
                relevance("ndcg10_bm25"), conditions.searchP99WithoutPause(), conditions.cpuP50(),
                conditions.cpuP99(), conditions.whileIndexingP50(),
                conditions.whileIndexingP99(), conditions.indexingPerSecond(), conditions.searchesWithPause(),
                conditions.gcPauses(), conditions.loadBefore(), conditions.loadAfter(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                java.time.Instant.now());
        Files.writeString(results.resolve("matching.json"), json);
        String md = String.format(Locale.ROOT, """
                # matching-service: indexing, search and match at %,d achievements

                `bin/bench-matching` (MatchingBenchmark), one JVM, JDK %s, %d processors; %d samples after 200 warm-up
                rounds. Indexing counts SmartChinese segmentation for matching plus the Lucene index on disk (batches of
                1,000, one commit); search is a two-word query, half of them filtered by chain, top 10 with highlights,
                each on a new virtual thread as the service answers a request; match is a demand's top 10: candidate
                retrieval (its chain or words, up to 1,000) and explained scoring of each. The service's MongoDB reads,
                JSON and HTTP around these are not included. The last row searches again while listings are put one at
                a time, each made searchable at once, as catalog events arrive.

                | what | result | target |
                |---|---|---|
                | indexing | %,.0f achievements/s | over 2,000/s |
                | search p50 / p99 | %.2f ms / %.2f ms | p99 under 30 ms |
                | top-10 match p50 / p99 | %.2f ms / %.2f ms | p99 under 50 ms |
                | nDCG@10, engine vs BM25 (RelevanceTest, labelled set) | %s vs %s | engine above BM25 |
                | search p50 / p99 while %d listings/s arrive one by one | %.2f ms / %.2f ms | |
                | search, processor time of the searching thread, p50 / p99 | %.2f ms / %.2f ms | |

                While sampling: load average %s before, %s after (1, 5, 15 minutes; the machine is shared);
                %d stop-the-world collections, %d of them inside a search; search p99 of the searches no collection
                fell in: %.2f ms.
                """, corpus, System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), samples,
                indexPerSecond, searchP50, searchP99, matchP50, matchP99, relevance("ndcg10_engine"),
                relevance("ndcg10_bm25"), conditions.indexingPerSecond(), conditions.whileIndexingP50(),
                conditions.whileIndexingP99(), conditions.cpuP50(), conditions.cpuP99(), conditions.loadBefore(), conditions.loadAfter(), conditions.gcPauses(),
                conditions.searchesWithPause(), conditions.searchP99WithoutPause());
        Files.writeString(results.resolve("matching.md"), md);
        System.out.println(md);
    }
}
