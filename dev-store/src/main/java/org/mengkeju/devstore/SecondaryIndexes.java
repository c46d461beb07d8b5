package org.mengkeju.devstore;

import java.util.List;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;

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
}
