package de.bwaldvogel.mongo.backend;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;

/**
 * The size of the batches a query is answered in, as MongoDB sizes them: a {@code find} without a batch size gets
 * its first 101 documents, and a {@code getMore} without one at most 16 MiB. The library answers either with every
 * document left, in one message; past the driver's largest message (48 MB) the client then fails the read, which is
 * how the ledger check over some 160,000 transfers failed. An {@code aggregate} is answered the same way: its first
 * batch holds 101 documents (or the size the client asked for) and a cursor holds the rest. In the library's package
 * because its cursor replies are package-private.
 */
public final class ReplyBatches {

    /** MongoDB's first batch when the client asks for no size. */
    public static final int FIRST_BATCH = 101;
    /** MongoDB's bound of a batch in bytes; one document more than fits may end it, as on MongoDB. */
    static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

    private ReplyBatches() {
    }

    /** Gives a {@code find} without a batch size MongoDB's first batch; a single-batch find keeps all it asked for. */
    public static void defaultFirstBatch(String command, Document query) {
        if ("find".equalsIgnoreCase(command) && !query.containsKey("batchSize")
                && !Boolean.TRUE.equals(query.get("singleBatch"))) {
            query.put("batchSize", FIRST_BATCH);
        }
    }

    /**
     * An {@code aggregate}'s answer cut to MongoDB's first batch: the library computes the whole result and answers
     * it in one message, with no cursor. The rest goes to a cursor that {@code getMore} reads from.
     */
    @SuppressWarnings("unchecked")
    public static Document boundAggregateFirstBatch(CursorRegistry cursors, String command, Document query,
            Document answer) {
        if (!"aggregate".equalsIgnoreCase(command) || answer == null
                || !(answer.get("cursor") instanceof Document cursor)
                || !(cursor.get("firstBatch") instanceof List<?> batch)
                || !(cursor.get("id") instanceof Number id) || id.longValue() != 0) {
            return answer;
        }
        int size = query.get("cursor") instanceof Document asked && asked.get("batchSize") instanceof Number n
                ? n.intValue() : FIRST_BATCH;
        if (batch.size() <= size) {
            return answer;
        }
        List<Document> all = (List<Document>) batch;
        InMemoryCursor rest = new InMemoryCursor(cursors.generateCursorId(),
                new ArrayList<>(all.subList(size, all.size())));
        cursors.add(rest);
        cursor.put("firstBatch", new ArrayList<>(all.subList(0, size)));
        cursor.put("id", rest.getId());
        return answer;
    }

    /**
     * The answer to a {@code getMore} without a batch size: documents from the cursor until 16 MiB are reached;
     * null when the client gave a batch size, which the library honours itself.
     */
    public static Document nextBatch(CursorRegistry cursors, String databaseName, Document query) {
        if (query.get("batchSize") instanceof Number size && size.intValue() > 0) {
            return null;
        }
        Cursor cursor = cursors.getCursor(((Number) query.get("getMore")).longValue());
        List<Document> batch = new ArrayList<>();
        long bytes = 0;
        while (bytes < MAX_BATCH_BYTES && !cursor.isEmpty()) {
            Document next = cursor.takeDocuments(1).get(0);
            batch.add(next);
            bytes += Utils.calculateSize(next);
        }
        long cursorId = cursor.getId();
        if (cursor.isEmpty()) {
            cursors.remove(cursor);
            cursorId = EmptyCursor.get().getId();
        }
        return Utils.nextBatchCursorResponse(databaseName + "." + query.get("collection"), batch, cursorId);
    }
}
