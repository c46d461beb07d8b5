package org.mengkeju.matching.search;

import java.util.List;
import java.util.Optional;

/**
 * The market's full-text index, behind one small interface so that it can move off this node (to OpenSearch, say)
 * without touching what feeds it or what asks it.
 */
public interface SearchIndex extends AutoCloseable {

    /** Keeps {@code item} unless the index holds the same or a newer version of it; returns whether it was kept. */
    boolean put(Searchable item);

    /** {@link #put} for many at once, made searchable together; returns how many were kept. */
    int putAll(List<Searchable> items);

    /** The version of the copy held, if any (tombstones included). */
    Optional<Long> versionOf(String id);

    /**
     * One page of hits, best first, ties by id; {@code total} counts the hits exactly up to
     * {@link #TOTAL_HITS_COUNTED} and says "at least that many" beyond it.
     */
    Page search(SearchQuery query);

    /**
     * How far a search counts its hits exactly. Counting every hit keeps the engine from skipping those that cannot
     * reach the page (a two-word query over 100,000 listings matches tens of thousands); nobody pages that far
     * ({@link MarketSearch#MAX_OFFSET}), so beyond this the answer is "1,000+", as search engines give it.
     */
    int TOTAL_HITS_COUNTED = 1_000;

    /**
     * The visible items of {@code kind} most likely to fit: those of {@code industryChain} or sharing any of
     * {@code words}, best first (the chain counts as a strong word), at most {@code limit}, each with how well its
     * text alone answers the words. What matching then scores, so that it never reads everything.
     */
    List<Candidate> candidates(Searchable.Kind kind, String industryChain, java.util.Collection<String> words,
            int limit);

    /** Makes everything put so far durable. */
    void commit();

    @Override
    void close();

    /**
     * A page of hits.
     *
     * @param total      how many hits there are, exactly when {@code totalExact}; otherwise at least this many
     *                   ({@link #TOTAL_HITS_COUNTED})
     * @param totalExact whether {@code total} counts every hit
     */
    record Page(List<SearchHit> hits, long total, boolean totalExact) {
    }

    /**
     * A candidate for matching.
     *
     * @param textScore the BM25 score of its title and body for the words, without the chain; 0 when only the chain
     *                  brought it
     */
    record Candidate(String id, float textScore) {
    }
}
