package org.mengkeju.devstore;

import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.DatabaseResolver;
import de.bwaldvogel.mongo.backend.aggregation.Aggregation;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * An aggregation whose pipeline starts with {@code $match}, answered by a query with that filter, which the
 * collection narrows through its indexes, and the rest of the pipeline on what it found. The library runs every
 * pipeline on the whole collection and matches afterwards; the driver's {@code countDocuments} is such a pipeline
 * ({@code $match} then {@code $group}), so a count of a few pending documents read the whole collection (on the
 * durable store, every document deserialised from disk) while holding the collection's lock, and a service's writes
 * waited behind it. MongoDB itself answers a leading {@code $match} from an index the same way.
 */
final class MatchFirstAggregation {

    private MatchFirstAggregation() {
    }

    /**
     * The reply to an {@code aggregate} command, or null when this is not one the shortcut answers (no leading
     * {@code $match}, variables, a change stream, a stage that writes, an unknown collection): then the library does.
     */
    static Document answer(MongoDatabase database, String command, Document query, DatabaseResolver resolver,
            Oplog oplog, UnaryOperator<String> namespace) {
        if (!command.toLowerCase(Locale.ROOT).equals("aggregate") || query.containsKey("let")
                || query.containsKey("explain") || !(query.get("aggregate") instanceof String collectionName)
                || !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.isEmpty()
                || !(pipeline.getFirst() instanceof Document first) || first.size() != 1
                || !(first.get("$match") instanceof Document match)) {
            return null;
        }
        MongoCollection<?> collection = database.resolveCollection(collectionName, false);
        if (collection == null) {
            return null;
        }
        List<Document> rest = Aggregation.parse(pipeline.subList(1, pipeline.size()));
        if (rest.stream().anyMatch(stage -> stage.containsKey("$changeStream"))) {
            return null;
        }
        Aggregation aggregation = Aggregation.fromPipeline(rest, resolver, database, collection, oplog);
        if (aggregation.isModifying()) {
            return null;
        }
        aggregation.validate(query);
        Stream<Document> matched = collection.handleQueryAsStream(match);
        List<Document> result = aggregation.runStages(matched);
        return new Document("cursor", new Document("id", 0L).append("ns", namespace.apply(collectionName))
                .append("firstBatch", result)).append("ok", 1.0);
    }
}
