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

    /** One page of hits, best first, ties by id; {@code total} counts every hit. */
    Page search(SearchQuery query);

    /** Makes everything put so far durable. */
    void commit();

    @Override
    void close();

    record Page(List<SearchHit> hits, long total) {
    }
}
