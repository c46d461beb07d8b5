package org.mengkeju.devstore;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * The layout of the durable store's MVStore file. Maps are named as the H2 backend names them:
 * {@code databases.<db>.<collection>} for documents, {@code <db>.<collection>._index_<name>} for a unique index,
 * {@code meta.<db>.<collection>} for its counters. Since version 2 the documents, the unique indexes' keys and the
 * positions are BSON ({@link BsonDataTypes}); a file of version 1, Java-serialized by the backend alone, is rewritten
 * once when it is opened.
 */
public final class StoreFormat {

    static final int VERSION = 2;
    /** Not a database's map: no dot, so no database's prefix matches it. */
    private static final String FORMAT_MAP = "storeFormat";
    private static final String DATA_PREFIX = "databases.";
    private static final String INDEX_INFIX = "._index_";
    /** Databases of one store open one after another; the lock is ours, not an object H2 may lock itself. */
    private static final Object UPGRADING = new Object();

    private StoreFormat() {
    }

    /** The documents of a collection, by position (their id). */
    static MVMap.Builder<Object, Document> documents() {
        return new MVMap.Builder<Object, Document>().keyType(BsonDataTypes.Values.INSTANCE)
                .valueType(BsonDataTypes.Documents.INSTANCE);
    }

    /** A unique index: the indexed values of a document, to its position. */
    static MVMap.Builder<KeyValue, Object> uniqueIndex() {
        return new MVMap.Builder<KeyValue, Object>().keyType(BsonDataTypes.IndexKeys.INSTANCE)
                .valueType(BsonDataTypes.Values.INSTANCE);
    }

    static String documentsMap(String fullCollectionName) {
        return DATA_PREFIX + fullCollectionName;
    }

    static String uniqueIndexMap(String fullCollectionName, String indexName) {
        return fullCollectionName + INDEX_INFIX + indexName;
    }

    /**
     * Brings the file to this version before any collection is opened. The rewrite is committed whole: the background
     * writer is paused meanwhile, so a crash during it leaves the file as it was and the next open starts again.
     */
    public static void upgrade(MVStore store) {
        synchronized (UPGRADING) {
            MVMap<String, Integer> format = store.openMap(FORMAT_MAP);
            Integer version = format.get("version");
            if (version != null && version > VERSION) {
                throw new IllegalStateException("the store file is of format " + version + ", newer than this store"
                        + " reads (" + VERSION + ")");
            }
            if (version != null && version == VERSION) {
                return;
            }
            int autoCommitDelay = store.getAutoCommitDelay();
            store.setAutoCommitDelay(0);
            try {
                for (String name : List.copyOf(store.getMapNames())) {
                    if (name.startsWith(DATA_PREFIX)) {
                        rewrite(store, name, documents());
                    } else if (name.contains(INDEX_INFIX)) {
                        rewrite(store, name, uniqueIndex());
                    }
                }
                format.put("version", VERSION);
                if (store.getFileStore() != null) {
                    store.commit();
                }
            } finally {
                store.setAutoCommitDelay(autoCommitDelay);
            }
        }
    }

    /** Reads a map of version 1 (the MVStore's default types) and writes its entries again in this version's types. */
    @SuppressWarnings("unchecked")
    private static <K, V> void rewrite(MVStore store, String name, MVMap.Builder<K, V> types) {
        MVMap<Object, Object> old = store.openMap(name);
        List<Map.Entry<Object, Object>> entries = new ArrayList<>(old.size());
        for (Map.Entry<Object, Object> entry : old.entrySet()) {
            entries.add(Map.entry(entry.getKey(), entry.getValue()));
        }
        store.removeMap(old);
        MVMap<K, V> rewritten = store.openMap(name, types);
        for (Map.Entry<Object, Object> entry : entries) {
            rewritten.put((K) entry.getKey(), (V) entry.getValue());
        }
    }
}
