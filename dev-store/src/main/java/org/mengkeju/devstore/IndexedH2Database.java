package org.mengkeju.devstore;

import java.util.List;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ReplyBatches;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * A database of the H2 MVStore backend (the launcher's durable store) with {@link SecondaryIndex secondary indexes}
 * that also answer a sorted query with a limit in index order ({@link SecondaryIndexes#inSortOrder}). On this backend
 * the library's own path costs even more than in memory: every candidate is read back from the MVStore before it is
 * tested and sorted. Documents and unique indexes are kept in the store's own format ({@link StoreFormat}).
 */
public final class IndexedH2Database extends H2Database {

    /** The store while the superclass constructor opens the existing collections, before our field is set. */
    private static final ThreadLocal<MVStore> OPENING = new ThreadLocal<>();

    private final MVStore store;

    private IndexedH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, store, cursorRegistry);
        this.store = store;
    }

    /** Opens (or creates) the database in the store, with the collections and indexes it already holds. */
    public static IndexedH2Database open(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        StoreFormat.upgrade(store);
        OPENING.set(store);
        try {
            return new IndexedH2Database(databaseName, store, cursorRegistry);
        } finally {
            OPENING.remove();
        }
    }

    /** In the store's own format ({@link StoreFormat}), not the backend's Java serialization. */
    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        MVMap<KeyValue, Object> map = mvStore().openMap(
                StoreFormat.uniqueIndexMap(getFullCollectionNamespace(collectionName), indexName),
                StoreFormat.uniqueIndex());
        return new UniqueIndexMap(map, indexName, keys, sparse);
    }

    @Override
    protected Index<Object> openOrCreateSecondaryIndex(String collectionName, String indexName, List<IndexKey> keys,
            boolean sparse) {
        return SecondaryIndexes.open(indexName, keys, sparse,
                () -> super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse));
    }

    /**
     * An aggregation that starts with {@code $match} narrows through the indexes ({@link MatchFirstAggregation}); a
     * find without a batch size gets MongoDB's first batch ({@link ReplyBatches}).
     */
    @Override
    public Document handleCommand(Channel channel, String command, Document query, DatabaseResolver resolver,
            Oplog oplog) {
        ReplyBatches.defaultFirstBatch(command, query);
        Document answer = MatchFirstAggregation.answer(this, command, query, resolver, oplog,
                this::getFullCollectionNamespace);
        return ReplyBatches.boundAggregateFirstBatch(cursorRegistry, command, query,
                answer != null ? answer : super.handleCommand(channel, command, query, resolver, oplog));
    }

    private MVStore mvStore() {
        return store != null ? store : OPENING.get();
    }

    /** The library's collection over the same maps (named as {@link H2Database} names them), sorting by index. */
    @Override
    protected MongoCollection<Object> openOrCreateCollection(String collectionName, CollectionOptions options) {
        MVStore mvStore = mvStore();
        String fullName = getFullCollectionNamespace(collectionName);
        MVMap<Object, Document> dataMap = mvStore.openMap(StoreFormat.documentsMap(fullName), StoreFormat.documents());
        MVMap<String, Object> metaMap = mvStore.openMap("meta." + fullName);
        return new H2Collection(this, collectionName, options, dataMap, metaMap, cursorRegistry) {
            /**
             * No running total of the documents' size (collStats' "size"): the library measures it by encoding the
             * document before and after every write, a tenth of the store's time under a sub-center's upload.
             */
            @Override
            protected boolean tracksDataSize() {
                return false;
            }

            /** Operator updates without copying the whole document ({@link OperatorUpdates}). */
            @Override
            public synchronized Document updateDocuments(Document selector, Document updateQuery,
                    ArrayFilters arrayFilters, boolean isMulti, boolean isUpsert, Oplog oplog) {
                return OperatorUpdates.update(this, getIdField(), selector, updateQuery, arrayFilters, isMulti, oplog,
                        isUpsert, operatorStore(), () -> super.updateDocuments(selector, updateQuery, arrayFilters,
                                isMulti, isUpsert, oplog));
            }

            /** findAndModify without copying the whole document ({@link OperatorUpdates#findAndModify}). */
            @Override
            public synchronized Document findAndModify(Document command) {
                return OperatorUpdates.findAndModify(this, getIdField(), command, operatorStore(),
                        () -> super.findAndModify(command));
            }

            private OperatorUpdates.Store<Object> operatorStore() {
                return new OperatorUpdates.Store<>((selector, sort, limit) -> queryDocuments(selector, sort, 0, limit, 0,
                        null), this::handleUpdate);
            }

            @Override
            protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit,
                    int batchSize, Document fieldSelector) {
                Iterable<Object> ordered = SecondaryIndexes.inSortOrder(getIndexes(), query, orderBy, limit);
                if (ordered == null) {
                    Iterable<Object> byId = ById.positions(getIndexes(), query);
                    return byId != null
                            ? matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize, fieldSelector)
                            : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
                return matchDocumentsFromStream(query,
                        StreamSupport.stream(ordered.spliterator(), false).map(this::getDocument),
                        numberToSkip, limit, batchSize, null, fieldSelector);
            }
        };
    }
}
