package org.mengkeju.devstore;

import java.util.List;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;

/** Where a store's database creates a non-unique index: a {@link SecondaryIndex} when it can serve the key. */
public final class SecondaryIndexes {

    private SecondaryIndexes() {
    }

    /**
     * The index for a non-unique key; {@code otherwise} (the library's own answer, an index that is never used) for a
     * key this module does not serve.
     */
    public static <P> Index<P> open(String indexName, List<IndexKey> keys, boolean sparse,
            Supplier<Index<P>> otherwise) {
        return SecondaryIndex.<P>of(indexName, keys, sparse).orElseGet(otherwise);
    }

    /**
     * For a query with a limit sorted on one field that one of the collection's secondary indexes keys on: the
     * positions of the candidates in sort order, so that the store can test them one by one and stop at the limit,
     * as MongoDB walks an index instead of sorting every match. Null when the store must match and sort as usual.
     * The library's own path loads, tests and sorts every candidate before it applies the limit, so a query for "the
     * oldest 200 of 10,000" costs as much as reading all 10,000, under the collection's lock.
     */
    public static <P> Iterable<P> inSortOrder(List<Index<P>> indexes, Document query, Document orderBy, int limit) {
        if (limit <= 0 || query == null || orderBy == null || orderBy.size() != 1) {
            return null;
        }
        var sort = orderBy.entrySet().iterator().next();
        if (!(sort.getValue() instanceof Number direction)
                || (direction.intValue() != 1 && direction.intValue() != -1)) {
            return null;
        }
        synchronized (indexes) {
            for (Index<P> index : indexes) {
                if (index instanceof SecondaryIndex<P> secondary && secondary.field().equals(sort.getKey())) {
                    Iterable<P> positions = secondary.positionsInOrder(query, direction.intValue() == 1);
                    if (positions != null) {
                        return positions;
                    }
                }
            }
        }
        return null;
    }
}
