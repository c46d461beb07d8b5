package de.bwaldvogel.mongo.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.FailedToParseException;
import de.bwaldvogel.mongo.exception.MongoServerException;

/**
 * The development store's way of applying an operator update ({@code $set}, {@code $push}, ...) to a stored document,
 * in the library's package because its update operators are package-private. The result is what the library computes,
 * on a copy that shares every top-level field the update does not touch: the library deep-copies the whole document
 * twice per update and compares the copies whole, which made updates of large documents (a listing with its outbox,
 * a lot with its bids) the store's main cost.
 */
public final class CopyOnWriteUpdate {

    private CopyOnWriteUpdate() {
    }

    /** Whether the update is made of operators only. */
    public static boolean isOperatorUpdate(Document update) {
        if (update.isEmpty()) {
            return false;
        }
        for (String key : update.keySet()) {
            if (!key.startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    /** A whole-document replacement: no field is an operator (an empty one leaves the id alone). */
    public static boolean isReplacement(Document update) {
        for (String key : update.keySet()) {
            if (key.startsWith("$")) {
                return false;
            }
        }
        return true;
    }

    /**
     * The document {@code update} makes of {@code document}, which stays unchanged: by its operators ({@link #apply})
     * or as a whole-document replacement ({@link #replace}); null for a replacement the library refuses or an update
     * that mixes the two.
     */
    public static Document changed(Document document, Document update, ArrayFilters arrayFilters, Integer matchPos,
            String idField) {
        if (isOperatorUpdate(update)) {
            return apply(document, update, arrayFilters, matchPos, idField);
        }
        return isReplacement(update) ? replace(document, update, idField) : null;
    }

    /**
     * The document {@code replacement} makes of {@code document}, as the library makes it: the stored id first, then
     * the replacement's fields; null when the library refuses it (another id, a field name it does not allow).
     */
    public static Document replace(Document document, Document replacement, String idField) {
        Object id = idField == null ? null : document.get(idField);
        Object newId = idField == null ? null : replacement.get(idField);
        if (newId != null && id != null && !Utils.nullAwareEquals(id, newId)) {
            return null;
        }
        Document updated = new Document();
        if (idField != null) {
            updated.put(idField, id);
        }
        replacement.cloneInto(updated);
        try {
            Utils.validateFieldNames(updated);
        } catch (MongoServerException refused) {
            return null;
        }
        return updated;
    }

    /**
     * The document as {@code update} leaves it, {@code document} itself unchanged: the fields the update's paths start
     * with are deep copies, every other field is the stored value itself.
     */
    public static Document apply(Document document, Document update, ArrayFilters arrayFilters, Integer matchPos,
            String idField) {
        AbstractMongoCollection.validateUpdateQuery(update);
        Document updated = new Document();
        if (idField != null) {
            updated.put(idField, document.get(idField));
        }
        updated.putAll(document);
        for (String modifier : update.keySet()) {
            Document change = (Document) update.get(modifier);
            for (String path : change.keySet()) {
                copyWhatChanges(updated, modifier, path);
                if (modifier.equals("$rename") && change.get(path) instanceof String target) {
                    copyWhatChanges(updated, modifier, target);
                }
            }
        }
        for (String modifier : update.keySet()) {
            UpdateOperator operator;
            try {
                operator = UpdateOperator.fromValue(modifier);
            } catch (IllegalArgumentException e) {
                throw new FailedToParseException("Unknown modifier: " + modifier
                        + ". Expected a valid update modifier or pipeline-style update specified as an array");
            }
            new FieldUpdates(updated, operator, idField, false, matchPos, arrayFilters)
                    .apply((Document) update.get(modifier), modifier);
        }
        Utils.validateFieldNames(updated);
        return updated;
    }

    /** The array filters of a findAndModify command's update, parsed as the library parses them. */
    public static ArrayFilters arrayFilters(Document command, Document update) {
        return ArrayFilters.parse(command, update);
    }

    /** A findAndModify command's {@code fields}, applied to the document it returns as the library applies them. */
    public static Document project(Document fields, String idField, Document document) {
        return new Projection(fields, idField).projectDocument(document);
    }

    /** Operators that change a top-level array in place (the elements themselves stay as they are). */
    private static final Set<String> ARRAY_OPERATORS = Set.of("$push", "$addToSet", "$pop", "$pull", "$pullAll");

    /**
     * Gives the update its own copy of what it will change in place, along the path and no further: each embedded
     * document on the way is copied shallowly (a profile keyed by achievement id is not copied entry by entry for a
     * change of one entry), an array on the way deeply (a positional path may reach any element), and at the end of
     * the path an array the operator adds to or takes from is copied, while a value an operator replaces whole
     * ({@code $set}, {@code $unset}, {@code $inc}, ...) is not copied at all.
     */
    private static void copyWhatChanges(Document updated, String modifier, String path) {
        String[] segments = path.split("\\.");
        Document parent = updated;
        for (int i = 0; i < segments.length; i++) {
            Object value = parent.get(segments[i]);
            if (i == segments.length - 1) {
                if (ARRAY_OPERATORS.contains(modifier) && value instanceof List<?> list) {
                    parent.put(segments[i], new ArrayList<>(list));
                }
                return;
            }
            if (value instanceof Document embedded) {
                Document copy = new Document(embedded);
                parent.put(segments[i], copy);
                parent = copy;
            } else {
                if (value instanceof List<?>) {
                    parent.put(segments[i], new Document("v", value).cloneDeeply().get("v"));
                }
                return; // an array (copied whole), a scalar or nothing: the update goes no deeper into shared data
            }
        }
    }
}
