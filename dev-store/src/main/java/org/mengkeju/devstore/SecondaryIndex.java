package org.mengkeju.devstore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;

/**
 * A non-unique index on the first field of its key, for the MongoDB-wire store that otherwise ignores every index
 * that is not unique and scans the whole collection for each filter that is not exactly on {@code _id}.
 *
 * <p>It answers a filter that constrains the field (at the top level or inside a top-level {@code $and}):
 * <ul>
 *   <li>equality or {@code $in} on plain values (strings, numbers, booleans, dates, object ids, UUIDs): the documents
 *   holding one of those values, also as an element of an array, as MongoDB's multikey indexes do;</li>
 *   <li>a range ({@code $gt}, {@code $gte}, {@code $lt}, {@code $lte}), {@code $exists: true} or a regular
 *   expression: the documents that have the field at all, which for a sparse marker such as the outbox's pending
 *   time is the few documents that carry it.</li>
 * </ul>
 * What it returns is a superset: the store still tests every returned document against the whole filter, so a
 * document the index cannot classify (a value inside an array of sub-documents, say) is returned rather than missed.
 * Positions come back in the store's natural order, as a scan would return them.
 *
 * <p>Not persisted: the store rebuilds it from the documents whenever it opens the collection.
 */
final class SecondaryIndex<P> extends Index<P> {

    /** What the index knows of one document. */
    private record Entry<P>(P position, boolean present, boolean unkeyed, Set<Object> keys) {
    }

    /**
     * How a filter can use the index: the documents with one of these ids, or with one of these keys, or every
     * document with the field.
     */
    private record Plan(Set<Object> ids, Set<Object> keys) {
        static final Plan PRESENT = new Plan(null, null);

        static Plan byKeys(Set<Object> keys) {
            return new Plan(null, keys);
        }

        boolean byIds() {
            return ids != null;
        }

        boolean byKeys() {
            return keys != null;
        }
    }

    private final String field;
    private final String[] path;
    private final Map<Object, Entry<P>> byId = new HashMap<>();
    /** Ids by key, in key order: what a sorted query with a limit walks from its first key until it has enough. */
    private final NavigableMap<Object, Set<Object>> byKey = new TreeMap<>(KeyOrder.INSTANCE);
    private final Set<Object> present = new LinkedHashSet<>();
    private final Set<Object> unkeyed = new LinkedHashSet<>();
    /**
     * Documents holding the field with other than exactly one orderable key (an array, null, a sub-document, a UUID):
     * while there is one, a sort is left to the store, which knows MongoDB's rules for them.
     */
    private int unordered;

    private SecondaryIndex(String name, List<IndexKey> keys, boolean sparse) {
        super(name, keys, sparse);
        this.field = keys.get(0).getKey();
        this.path = field.split("\\.");
    }

    /** The index for a non-unique key, or empty for one it cannot serve (a text or geo index, a key on {@code _id}). */
    static <P> Optional<Index<P>> of(String name, List<IndexKey> keys, boolean sparse) {
        if (keys.isEmpty() || keys.get(0).getKey().equals("_id") || keys.get(0).getKey().startsWith("$")) {
            return Optional.empty();
        }
        return Optional.of(new SecondaryIndex<>(name, keys, sparse));
    }

    // ---- maintenance ------------------------------------------------------------------------------------------

    @Override
    public synchronized void add(Document document, P position, MongoCollection<P> collection) {
        put(document, position);
    }

    @Override
    public synchronized void updateInPlace(Document oldDocument, Document newDocument, P position,
            MongoCollection<P> collection) {
        Entry<P> updated = entryOf(newDocument, position);
        if (updated.equals(byId.get(oldDocument.get("_id")))) {
            // The indexed value did not change: most updates touch other fields, and MongoDB leaves such an index
            // entry alone too.
            return;
        }
        forget(oldDocument.get("_id"));
        put(newDocument.get("_id"), updated);
    }

    @Override
    public synchronized P remove(Document document) {
        Entry<P> entry = forget(document.get("_id"));
        return entry == null ? null : entry.position();
    }

    @Override
    public synchronized P getPosition(Document document) {
        Entry<P> entry = byId.get(document.get("_id"));
        return entry == null ? null : entry.position();
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        // not unique: nothing to refuse
    }

    @Override
    public synchronized long getCount() {
        return isSparse() ? present.size() : byId.size();
    }

    @Override
    public long getDataSize() {
        return 0;
    }

    @Override
    public synchronized void drop() {
        byId.clear();
        byKey.clear();
        present.clear();
        unkeyed.clear();
        unordered = 0;
    }

    private void put(Document document, P position) {
        put(document.get("_id"), entryOf(document, position));
    }

    private Entry<P> entryOf(Document document, P position) {
        Object value = resolve(document);
        Entry<P> entry;
        if (value == MISSING) {
            entry = new Entry<>(position, false, false, Set.of());
        } else if (value == AMBIGUOUS) {
            entry = new Entry<>(position, true, true, Set.of());
        } else {
            Set<Object> keys = new LinkedHashSet<>();
            boolean unclassified = false;
            Collection<?> values = value instanceof Collection<?> list ? list : Collections.singleton(value);
            for (Object element : values) {
                Object key = keyOf(element);
                if (key != null) {
                    keys.add(key);
                } else if (element != null) {
                    unclassified = true;
                }
            }
            entry = new Entry<>(position, true, unclassified, keys);
        }
        return entry;
    }

    private void put(Object id, Entry<P> entry) {
        byId.put(id, entry);
        if (entry.present()) {
            present.add(id);
        }
        if (entry.unkeyed()) {
            unkeyed.add(id);
        }
        if (unorderable(entry)) {
            unordered++;
        }
        for (Object key : entry.keys()) {
            byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(id);
        }
    }

    private static boolean unorderable(Entry<?> entry) {
        return entry.present() && (entry.unkeyed() || entry.keys().size() != 1
                || entry.keys().iterator().next() instanceof UUID);
    }

    private Entry<P> forget(Object id) {
        Entry<P> entry = byId.remove(id);
        if (entry == null) {
            return null;
        }
        present.remove(id);
        unkeyed.remove(id);
        if (unorderable(entry)) {
            unordered--;
        }
        for (Object key : entry.keys()) {
            Set<Object> ids = byKey.get(key);
            if (ids != null) {
                ids.remove(id);
                if (ids.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
        return entry;
    }

    private static final Object MISSING = new Object();
    /** The path crosses an array: whether and how the document matches is left to the store's own test. */
    private static final Object AMBIGUOUS = new Object();

    private Object resolve(Document document) {
        Object current = document;
        for (int i = 0; i < path.length; i++) {
            if (current instanceof Document d) {
                if (!d.containsKey(path[i])) {
                    return MISSING;
                }
                current = d.get(path[i]);
            } else if (current instanceof Collection<?>) {
                return AMBIGUOUS;
            } else {
                return MISSING;
            }
        }
        return current;
    }

    /**
     * The key a plain value is indexed under, or null for a value the index does not classify. Numbers that MongoDB
     * compares as equal (1, 1L, 1.0) get one key; a date is an instant whichever type the store decoded it as.
     */
    static Object keyOf(Object value) {
        if (value instanceof String || value instanceof Boolean || value instanceof ObjectId
                || value instanceof UUID || value instanceof Instant) {
            return value;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 0x1p62) {
                return (long) d;
            }
            return Double.isNaN(d) ? null : d;
        }
        return null;
    }

    // ---- queries ----------------------------------------------------------------------------------------------

    @Override
    public boolean canHandle(Document query) {
        return plan(query) != null;
    }

    @Override
    public synchronized Iterable<P> getPositions(Document query) {
        Plan plan = plan(query);
        Set<Object> ids;
        if (plan == null) {
            ids = byId.keySet();
        } else if (plan.byIds()) {
            ids = new LinkedHashSet<>(plan.ids());
            ids.retainAll(byId.keySet());
        } else if (plan.byKeys()) {
            ids = new LinkedHashSet<>();
            for (Object key : plan.keys()) {
                ids.addAll(byKey.getOrDefault(key, Set.of()));
            }
            ids.addAll(unkeyed);
        } else {
            ids = present;
        }
        List<P> positions = new ArrayList<>(ids.size());
        for (Object id : ids) {
            positions.add(byId.get(id).position());
        }
        return naturalOrder(positions);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <P> List<P> naturalOrder(List<P> positions) {
        if (positions.size() > 1 && positions.get(0) instanceof Comparable<?>) {
            try {
                ((List) positions).sort(null);
            } catch (ClassCastException mixed) {
                // positions of different types (ids of mixed types on a store keyed by id): leave them as they are
            }
        }
        return positions;
    }

    /** The field this index keys on (the first of its keys). */
    String field() {
        return field;
    }

    /**
     * The positions of the documents that may match the filter, in the order of this index's field (ascending or
     * descending), read lazily so that a query with a limit stops after the documents it needs; null when that order
     * cannot be given: the filter does not require the field (a document without it would sort first), the filter
     * names documents by id (fewer to test that way), or some document holds the field as an array, null, a
     * sub-document or a UUID, whose place in MongoDB's sort order the store decides. Documents of one key come in
     * position order, as the store's stable sort would leave them.
     *
     * <p>The positions are read while the caller iterates: the store calls this under its collection's lock, which
     * every write to the collection (and so to this index) also holds.
     */
    synchronized Iterable<P> positionsInOrder(Document query, boolean ascending) {
        if (unordered > 0) {
            return null;
        }
        Plan plan = plan(query);
        if (plan == null || plan.byIds()) {
            return null;
        }
        List<Object> conditions = new ArrayList<>();
        collectConditions(query, conditions);
        Plan own = null;
        for (Object condition : conditions) {
            own = better(own, planFor(condition));
        }
        if (own == null) {
            return null;
        }
        NavigableMap<Object, Set<Object>> range;
        if (own.byKeys()) {
            NavigableMap<Object, Set<Object>> some = new TreeMap<>(KeyOrder.INSTANCE);
            for (Object key : own.keys()) {
                Set<Object> ids = byKey.get(key);
                if (ids != null) {
                    some.put(key, ids);
                }
            }
            range = some;
        } else {
            range = bounded(conditions);
        }
        NavigableMap<Object, Set<Object>> ordered = ascending ? range : range.descendingMap();
        return () -> new Iterator<P>() {
            private final Iterator<Set<Object>> keys = ordered.values().iterator();
            private Iterator<P> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && keys.hasNext()) {
                    List<P> positions = new ArrayList<>();
                    for (Object id : keys.next()) {
                        positions.add(byId.get(id).position());
                    }
                    current = naturalOrder(positions).iterator();
                }
                return current.hasNext();
            }

            @Override
            public P next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** Every condition of the filter on this index's field, at the top level or inside top-level {@code $and}s. */
    private void collectConditions(Document query, List<Object> conditions) {
        for (Map.Entry<String, Object> clause : query.entrySet()) {
            if (clause.getKey().equals(field)) {
                conditions.add(clause.getValue());
            } else if (clause.getKey().equals("$and") && clause.getValue() instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        collectConditions(d, conditions);
                    }
                }
            }
        }
    }

    /**
     * The keys between the range operators' bounds, both taken inclusively: the store tests every document against the
     * whole filter anyway, so the bounds only have to leave out keys that cannot match.
     */
    private NavigableMap<Object, Set<Object>> bounded(List<Object> conditions) {
        Object low = null;
        Object high = null;
        for (Object condition : conditions) {
            if (condition instanceof Document operators) {
                for (Map.Entry<String, Object> operator : operators.entrySet()) {
                    Object key = keyOf(operator.getValue());
                    if (key == null || key instanceof UUID) {
                        continue;
                    }
                    switch (operator.getKey()) {
                        case "$gt", "$gte" -> low = low == null || KeyOrder.INSTANCE.compare(key, low) > 0 ? key : low;
                        case "$lt", "$lte" -> high = high == null || KeyOrder.INSTANCE.compare(key, high) < 0
                                ? key : high;
                        default -> { }
                    }
                }
            }
        }
        if (low != null && high != null && KeyOrder.INSTANCE.compare(low, high) > 0) {
            return Collections.emptyNavigableMap();
        }
        NavigableMap<Object, Set<Object>> range = byKey;
        if (low != null) {
            range = range.tailMap(low, true);
        }
        if (high != null) {
            range = range.headMap(high, true);
        }
        return range;
    }

    /**
     * MongoDB's sort order of the plain values the index keys on: numbers, then strings, object ids, booleans, dates;
     * within a type by value. (UUIDs are never ordered here: see {@link #positionsInOrder}.)
     */
    enum KeyOrder implements java.util.Comparator<Object> {
        INSTANCE;

        @Override
        public int compare(Object a, Object b) {
            int byType = Integer.compare(rank(a), rank(b));
            if (byType != 0) {
                return byType;
            }
            if (a instanceof Long x && b instanceof Long y) {
                return Long.compare(x, y);
            }
            if (a instanceof Number x && b instanceof Number y) {
                // Keys of doubles are never integral, and a long beyond 2^53 is larger than any of them in magnitude,
                // so comparing as doubles never ties two different keys.
                return Double.compare(x.doubleValue(), y.doubleValue());
            }
            if (a instanceof UUID x && b instanceof UUID y) {
                return x.compareTo(y);
            }
            @SuppressWarnings({"unchecked", "rawtypes"})
            int byValue = ((Comparable) a).compareTo(b);
            return byValue;
        }

        private static int rank(Object key) {
            if (key instanceof Number) {
                return 1;
            }
            if (key instanceof String) {
                return 2;
            }
            if (key instanceof UUID) {
                return 3;
            }
            if (key instanceof ObjectId) {
                return 4;
            }
            if (key instanceof Boolean) {
                return 5;
            }
            return 6;
        }
    }

    /** How the filter can use this index, or null when it does not constrain the field so that it must exist. */
    private Plan plan(Document query) {
        Plan best = null;
        for (Map.Entry<String, Object> clause : query.entrySet()) {
            Plan plan = null;
            if (clause.getKey().equals(field)) {
                plan = planFor(clause.getValue());
            } else if (clause.getKey().equals("_id")) {
                // The store's own primary index serves a filter on _id alone; inside a larger filter it is this
                // index that knows every document's position by id.
                plan = planForIds(clause.getValue());
            } else if (clause.getKey().equals("$and") && clause.getValue() instanceof Collection<?> parts) {
                for (Object part : parts) {
                    if (part instanceof Document d) {
                        plan = better(plan, plan(d));
                    }
                }
            }
            best = better(best, plan);
        }
        return best;
    }

    private static Plan better(Plan a, Plan b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.byIds() || b.byIds()) {
            return !b.byIds() || (a.byIds() && a.ids().size() <= b.ids().size()) ? a : b;
        }
        if (a.byKeys() && b.byKeys()) {
            return a.keys().size() <= b.keys().size() ? a : b;
        }
        return a.byKeys() ? a : b;
    }

    private static Plan planFor(Object condition) {
        if (condition instanceof Document operators && !operators.isEmpty()
                && operators.keySet().stream().allMatch(k -> k.startsWith("$"))) {
            Plan plan = null;
            for (Map.Entry<String, Object> operator : operators.entrySet()) {
                Object operand = operator.getValue();
                Plan next = switch (operator.getKey()) {
                    case "$eq" -> planFor(operand instanceof Document ? null : operand);
                    case "$in" -> planForIn(operand);
                    case "$gt", "$gte", "$lt", "$lte" -> keyOf(operand) != null ? Plan.PRESENT : null;
                    case "$exists" -> Boolean.TRUE.equals(operand)
                            || (operand instanceof Number n && n.doubleValue() != 0) ? Plan.PRESENT : null;
                    case "$regex" -> Plan.PRESENT;
                    default -> null;
                };
                plan = better(plan, next);
            }
            return plan;
        }
        Object key = keyOf(condition);
        return key == null ? null : Plan.byKeys(Set.of(key));
    }

    /** Ids looked up as stored: strings, object ids and UUIDs only, whose equality needs no type rules. */
    private static Plan planForIds(Object condition) {
        List<?> values;
        if (condition instanceof Document operators && operators.size() == 1 && operators.containsKey("$in")
                && operators.get("$in") instanceof List<?> in) {
            values = in;
        } else if (condition instanceof Document operators && operators.size() == 1
                && operators.containsKey("$eq")) {
            values = Collections.singletonList(operators.get("$eq"));
        } else {
            values = Collections.singletonList(condition);
        }
        Set<Object> ids = new LinkedHashSet<>();
        for (Object value : values) {
            if (!(value instanceof String || value instanceof ObjectId || value instanceof UUID)) {
                return null;
            }
            ids.add(value);
        }
        return new Plan(ids, null);
    }

    private static Plan planForIn(Object operand) {
        if (!(operand instanceof Collection<?> values)) {
            return null;
        }
        Set<Object> keys = new LinkedHashSet<>();
        for (Object value : values) {
            Object key = keyOf(value);
            if (key == null) {
                // null matches a missing field, a sub-document or array needs the store's own comparison
                return null;
            }
            keys.add(key);
        }
        return Plan.byKeys(keys);
    }
}
