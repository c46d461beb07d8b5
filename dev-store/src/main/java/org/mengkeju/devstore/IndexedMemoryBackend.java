package org.mengkeju.devstore;

import java.lang.reflect.Field;
import java.util.List;
import java.util.stream.StreamSupport;

import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.ReplyBatches;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryCollection;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;
import io.netty.channel.Channel;

/**
 * The in-memory store of the tests, with {@link SecondaryIndex secondary indexes} that also answer a sorted query with
 * a limit in index order ({@link SecondaryIndexes#inSortOrder}).
 */
public class IndexedMemoryBackend extends MemoryBackend {

    /**
     * The library keeps a collection's documents in a private list and changes them in place; a changed document
     * replaces the stored one there instead ({@link OperatorUpdates}).
     */
    @SuppressWarnings("unchecked")
    private static List<Document> documentsOf(MemoryCollection collection) {
        try {
            Field documents = MemoryCollection.class.getDeclaredField("documents");
            documents.setAccessible(true);
            return (List<Document>) documents.get(collection);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mongo-java-server's MemoryCollection no longer keeps a documents list", e);
        }
    }

    /** At most 16 MiB per batch, as MongoDB answers ({@link ReplyBatches}). */
    @Override
    protected Document handleGetMore(String databaseName, String command, Document query) {
        Document answer = ReplyBatches.nextBatch(getCursorRegistry(), databaseName, query);
        return answer != null ? answer : super.handleGetMore(databaseName, command, query);
    }

    @Override
    public MemoryDatabase openOrCreateDatabase(String databaseName) {
        return new MemoryDatabase(databaseName, getCursorRegistry()) {
            @Override
            protected Index<Integer> openOrCreateSecondaryIndex(String collectionName, String indexName,
                    List<IndexKey> keys, boolean sparse) {
                return SecondaryIndexes.open(indexName, keys, sparse,
                        () -> super.openOrCreateSecondaryIndex(collectionName, indexName, keys, sparse));
            }

            /** An aggregation that starts with {@code $match} narrows through the indexes. */
            @Override
            public Document handleCommand(Channel channel, String command, Document query,
                    DatabaseResolver resolver, Oplog oplog) {
                ReplyBatches.defaultFirstBatch(command, query);
                Document answer = MatchFirstAggregation.answer(this, command, query, resolver, oplog,
                        this::getFullCollectionNamespace);
                return ReplyBatches.boundAggregateFirstBatch(cursorRegistry, command, query,
                        answer != null ? answer : super.handleCommand(channel, command, query, resolver, oplog));
            }

            @Override
            protected MemoryCollection openOrCreateCollection(String collectionName, CollectionOptions options) {
                return new MemoryCollection(this, collectionName, options, getCursorRegistry()) {
                    /**
                     * No running total of the documents' size (collStats' "size"): the library measures it by
                     * encoding the document before and after every write, a tenth of the store's time under a
                     * sub-center's upload.
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

                    /** The collection's own list of documents, where a changed document replaces the stored one. */
                    private final List<Document> stored = documentsOf(this);

                    private OperatorUpdates.Store<Integer> operatorStore() {
                        return new OperatorUpdates.Store<>((selector, sort, limit) -> queryDocuments(selector, sort, 0, limit, 0,
                                null), (position, before, after) -> stored.set(position, after));
                    }

                    @Override
                    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip,
                            int limit, int batchSize, Document fieldSelector) {
                        Iterable<Integer> ordered = SecondaryIndexes.inSortOrder(getIndexes(), query, orderBy, limit);
                        if (ordered == null) {
                            Iterable<Integer> byId = ById.positions(getIndexes(), query);
                            return byId != null
                                    ? matchDocuments(query, byId, orderBy, numberToSkip, limit, batchSize,
                                            fieldSelector)
                                    : super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize,
                                            fieldSelector);
                        }
                        // Already in sort order: no comparator, so the stream stops once it has the limit.
                        return matchDocumentsFromStream(query,
                                StreamSupport.stream(ordered.spliterator(), false).map(this::getDocument),
                                numberToSkip, limit, batchSize, null, fieldSelector);
                    }
                };
            }
        };
    }
}
