package org.mengkeju.devstore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.ArrayFilters;
import de.bwaldvogel.mongo.backend.CopyOnWriteUpdate;
import de.bwaldvogel.mongo.backend.DefaultQueryMatcher;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.Utils;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerException;
import de.bwaldvogel.mongo.oplog.Oplog;

/**
 * The update and findAndModify commands of both stores' collections: operator updates through
 * {@link CopyOnWriteUpdate} (the fields an update does not touch are neither copied nor compared) and whole-document
 * replacements, with the library's index checks and oplog entry; upserts that insert and updates the library refuses
 * go to the library as before.
 *
 * <p>A stored document is never changed in place: the changed document is stored <em>instead of</em> it. An answer is
 * encoded after the collection's lock is released, so the library's way (changing the stored document field by field)
 * let a reader on another connection encode a document half old and half new, and an encoder that met the change
 * failed and left its client waiting for an answer that never came.
 */
final class OperatorUpdates {

    private static final DefaultQueryMatcher MATCHER = new DefaultQueryMatcher();

    /** What the collection lends an update: its query and its storage of a changed document. */
    record Store<P>(Query query, Changed<P> changed) {
    }

    /** The collection's query (its {@code queryDocuments}), in {@code sort} order and up to {@code limit} (0: all). */
    interface Query {
        Iterable<Document> find(Document selector, Document sort, int limit);
    }

    /** Stores {@code after} at {@code position} instead of {@code before}, which stays as it was. */
    interface Changed<P> {
        void stored(P position, Document before, Document after);
    }

    private OperatorUpdates() {
    }

    /**
     * Called by the collection inside its lock, as the library's own update is; {@code library} is the library's own
     * update, for what this one leaves to it.
     */
    static <P> Document update(MongoCollection<P> collection, String idField, Document selector, Document update,
            ArrayFilters arrayFilters, boolean isMulti, Oplog oplog, boolean isUpsert, Store<P> store,
            Supplier<Document> library) {
        List<Index<P>> indexes = collection.getIndexes();
        boolean operators = CopyOnWriteUpdate.isOperatorUpdate(update);
        if (!operators && (isMulti || !CopyOnWriteUpdate.isReplacement(update)) || indexes.isEmpty()) {
            return library.get(); // the library refuses them in its own words
        }
        List<Document> matched = new ArrayList<>();
        for (Document document : store.query().find(selector, null, 0)) {
            matched.add(document);
            if (!isMulti) {
                break;
            }
        }
        if (matched.isEmpty() && isUpsert) {
            return library.get(); // inserts the document the selector and the update describe
        }
        List<Object> updatedIds = new ArrayList<>();
        Set<String> touched = touched(update);
        List<Index<P>> affected = affected(indexes, touched);
        for (Document document : matched) {
            Document updated = CopyOnWriteUpdate.changed(document, update, arrayFilters,
                    MATCHER.matchPosition(document, selector), idField);
            if (updated == null) {
                return library.get(); // a replacement, so one document and nothing changed yet: the library refuses it
            }
            if (unchanged(document, updated, touched)) {
                continue;
            }
            for (Index<P> index : affected) {
                index.checkUpdate(document, updated, collection);
            }
            store(collection, indexes, affected, document, updated, store.changed());
            updatedIds.add(document.get(idField));
        }
        oplog.handleUpdate(collection.getFullName(), selector, update, updatedIds);
        Document result = new Document();
        result.put("n", matched.size());
        result.put("nModified", updatedIds.size());
        return result;
    }

    /**
     * A findAndModify with an operator update or a replacement, called by the collection inside its lock; the
     * library's reply. A removal, an upsert that inserts and an update the library refuses (a bad operator, a unique
     * index broken) go to the library ({@code library}, its own findAndModify): nothing is changed before they do, so
     * it answers them in its own words.
     */
    static <P> Document findAndModify(MongoCollection<P> collection, String idField, Document command,
            Store<P> store, Supplier<Document> library) {
        List<Index<P>> indexes = collection.getIndexes();
        if (Utils.isTrue(command.get("remove")) || !(command.get("update") instanceof Document update)
                || !CopyOnWriteUpdate.isOperatorUpdate(update) && !CopyOnWriteUpdate.isReplacement(update)
                || indexes.isEmpty()) {
            return library.get();
        }
        Document selector = command.get("query") instanceof Document query ? query : new Document();
        Document sort = command.get("sort") instanceof Document order ? order : null;
        var found = store.query().find(selector, sort, 1).iterator();
        if (!found.hasNext()) {
            return library.get(); // nothing matches: the library upserts or answers null
        }
        Document document = found.next();
        Document updated;
        boolean changed;
        Set<String> touched = touched(update);
        List<Index<P>> affected = affected(indexes, touched);
        try {
            updated = CopyOnWriteUpdate.changed(document, update, CopyOnWriteUpdate.arrayFilters(command, update),
                    MATCHER.matchPosition(document, selector), idField);
            if (updated == null) {
                return library.get();
            }
            changed = !unchanged(document, updated, touched);
            if (changed) {
                for (Index<P> index : affected) {
                    index.checkUpdate(document, updated, collection);
                }
            }
        } catch (MongoServerException refused) {
            return library.get();
        }
        if (changed) {
            store(collection, indexes, affected, document, updated, store.changed());
        }
        Document value = Utils.isTrue(command.get("new")) && changed ? updated : document;
        if (command.get("fields") instanceof Document fields) {
            value = CopyOnWriteUpdate.project(fields, idField, value);
        }
        Document lastError = new Document("updatedExisting", Boolean.TRUE);
        lastError.put("n", 1);
        Document result = new Document("lastErrorObject", lastError);
        result.put("value", value);
        Utils.markOkay(result);
        return result;
    }

    /**
     * Stores {@code updated} instead of the stored {@code document}, which is left as it was; only the {@code affected}
     * indexes can hold other keys for it.
     */
    private static <P> void store(MongoCollection<P> collection, List<Index<P>> indexes, List<Index<P>> affected,
            Document document, Document updated, Changed<P> changed) {
        P position = positionOf(indexes, document);
        for (Index<P> index : affected) {
            index.updateInPlace(document, updated, position, collection);
        }
        changed.stored(position, document, updated);
    }

    /**
     * The top-level fields an operator update can change: the first name of each of its paths (and of each
     * {@code $rename}'s target). Null for a replacement, which can change any field. Every other field of the updated
     * document is the stored value itself ({@link CopyOnWriteUpdate#apply}).
     */
    private static Set<String> touched(Document update) {
        if (!CopyOnWriteUpdate.isOperatorUpdate(update)) {
            return null;
        }
        Set<String> fields = new HashSet<>();
        for (String modifier : update.keySet()) {
            if (!(update.get(modifier) instanceof Document change)) {
                return null; // malformed: the update itself says so; nothing is left out meanwhile
            }
            for (String path : change.keySet()) {
                fields.add(firstName(path));
                if (modifier.equals("$rename") && change.get(path) instanceof String target) {
                    fields.add(firstName(target));
                }
            }
        }
        return fields;
    }

    /**
     * Whether {@code updated} equals {@code document}, comparing only the fields the update can have changed (all of
     * them for a replacement): MongoDB too reports a matched document that the update leaves as it was as not
     * modified, and a whole-document comparison of a transfer with its events on every write is a cost nothing needs.
     */
    private static boolean unchanged(Document document, Document updated, Set<String> touched) {
        if (touched == null) {
            return updated.equals(document);
        }
        for (String field : touched) {
            if (document.containsKey(field) != updated.containsKey(field)
                    || !Objects.equals(document.get(field), updated.get(field))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The indexes whose keys an update can change: those with a key under a field it touches. MongoDB, too, leaves
     * an index alone when an update does not touch its fields; checking and rewriting every index of a collection on
     * every write was most of an update's cost in this store.
     */
    private static <P> List<Index<P>> affected(List<Index<P>> indexes, Set<String> touched) {
        if (touched == null) {
            return indexes;
        }
        List<Index<P>> affected = new ArrayList<>(indexes.size());
        for (Index<P> index : indexes) {
            for (IndexKey key : index.getKeys()) {
                String name = firstName(key.getKey());
                if (touched.contains(name) || name.startsWith("$")) {
                    affected.add(index);
                    break;
                }
            }
        }
        return affected;
    }

    private static String firstName(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    private static <P> P positionOf(List<Index<P>> indexes, Document document) {
        for (Index<P> index : indexes) {
            P position = index.getPosition(document);
            if (position != null) {
                return position;
            }
        }
        throw new IllegalStateException("no index knows the position of " + document.get("_id"));
    }
}
