package org.mengkeju.devstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;
import static com.mongodb.client.model.Filters.regex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The indexed store must answer every filter exactly as the plain store does (which scans), after any sequence of
 * inserts, updates, replacements and deletes; and it must really narrow the documents it tests.
 */
class SecondaryIndexTest {

    private static MongoServer plainServer;
    private static MongoServer indexedServer;
    private static MongoClient plain;
    private static MongoClient indexed;

    @BeforeAll
    static void start() {
        plainServer = new MongoServer(new MemoryBackend());
        indexedServer = new MongoServer(new IndexedMemoryBackend());
        plain = MongoClients.create("mongodb://127.0.0.1:" + plainServer.bind().getPort());
        indexed = MongoClients.create("mongodb://127.0.0.1:" + indexedServer.bind().getPort());
    }

    @AfterAll
    static void stop() {
        plain.close();
        indexed.close();
        plainServer.shutdownNow();
        indexedServer.shutdownNow();
    }

    private static final String[] STATUSES = {"DRAFT", "PUBLISHED", "成交", "withdrawn"};

    @Test
    void answersEveryFilterAsAScanWouldAfterRandomWrites() {
        MongoCollection<Document> a = plain.getDatabase("differential").getCollection("docs");
        MongoCollection<Document> b = indexed.getDatabase("differential").getCollection("docs");
        Random random = new Random(20261130);
        // Half the documents exist before the indexes are created: the index is built from them.
        for (int i = 0; i < 150; i++) {
            Document d = randomDocument(random, i);
            a.insertOne(d);
            b.insertOne(new Document(d));
        }
        for (MongoCollection<Document> c : List.of(a, b)) {
            c.createIndex(Indexes.ascending("status"));
            c.createIndex(Indexes.ascending("n"));
            c.createIndex(Indexes.ascending("tags"));
            c.createIndex(Indexes.ascending("marker"), new IndexOptions().sparse(true));
            c.createIndex(Indexes.ascending("sub.x"));
            c.createIndex(Indexes.compoundIndex(Indexes.ascending("owner"), Indexes.descending("n")));
        }
        int nextId = 150;
        for (int step = 0; step < 600; step++) {
            int op = random.nextInt(10);
            Object id = "doc-" + random.nextInt(nextId);
            if (op < 3) {
                Document d = randomDocument(random, nextId++);
                a.insertOne(d);
                b.insertOne(new Document(d));
            } else if (op < 6) {
                Bson update = switch (random.nextInt(5)) {
                    case 0 -> Updates.set("status", STATUSES[random.nextInt(STATUSES.length)]);
                    case 1 -> Updates.unset("marker");
                    case 2 -> Updates.set("marker", new Date(random.nextInt(1000)));
                    case 3 -> Updates.push("tags", "t" + random.nextInt(6));
                    default -> Updates.set("n", random.nextBoolean() ? random.nextInt(5) : random.nextInt(5) + 0.0);
                };
                a.updateOne(eq("_id", id), update);
                b.updateOne(eq("_id", id), update);
            } else if (op < 7) {
                Document replacement = randomDocument(random, 0).append("_id", id);
                a.replaceOne(eq("_id", id), replacement);
                b.replaceOne(eq("_id", id), new Document(replacement));
            } else if (op < 8) {
                a.deleteOne(eq("_id", id));
                b.deleteOne(eq("_id", id));
            } else {
                Bson filter = and(exists("marker"), eq("status", STATUSES[random.nextInt(STATUSES.length)]));
                a.updateMany(filter, Updates.set("touched", step));
                b.updateMany(filter, Updates.set("touched", step));
            }
            if (step % 50 == 49) {
                for (Bson filter : filters(random)) {
                    assertThat(ids(b, filter)).as("filter %s after %d steps", filter.toBsonDocument(), step)
                            .isEqualTo(ids(a, filter));
                }
                for (Sorted query : sortedQueries(random)) {
                    assertThat(ids(b, query)).as("%s after %d steps", query, step).isEqualTo(ids(a, query));
                }
                // Pipelines that start with $match are answered through the indexes: the same answers.
                for (Bson filter : filters(random)) {
                    assertThat(b.countDocuments(filter)).as("count %s", filter.toBsonDocument())
                            .isEqualTo(a.countDocuments(filter));
                    List<Bson> pipeline = List.of(Aggregates.match(filter),
                            Aggregates.group("$status", Accumulators.sum("n", 1)), Aggregates.sort(Sorts.ascending("_id")));
                    assertThat(b.aggregate(pipeline).into(new ArrayList<>())).as("grouped %s", filter.toBsonDocument())
                            .isEqualTo(a.aggregate(pipeline).into(new ArrayList<>()));
                }
            }
        }
        assertThat(a.countDocuments()).isEqualTo(b.countDocuments()).isGreaterThan(100);
        // The filters above must not all be empty, or the comparison proves nothing.
        assertThat(ids(b, exists("marker"))).isNotEmpty();
        assertThat(ids(b, eq("tags", "t1"))).isNotEmpty();
    }

    /**
     * A filter on the id and more (a conditional update's) goes through the id's index: the same documents found,
     * the same ones updated, as the plain store's scan, with plain ids, {@code $in} and ids that do not exist.
     */
    @Test
    void anIdWithMoreConditionsNarrowsByTheIdAndTestsTheRestAsAScanWould() {
        MongoCollection<Document> a = plain.getDatabase("byId").getCollection("docs");
        MongoCollection<Document> b = indexed.getDatabase("byId").getCollection("docs");
        Random random = new Random(20261130L);
        for (int i = 0; i < 200; i++) {
            Document d = randomDocument(random, i).append("version", (long) random.nextInt(3));
            a.insertOne(d);
            b.insertOne(new Document(d));
        }
        for (int step = 0; step < 300; step++) {
            String id = "doc-" + random.nextInt(230); // some ids do not exist
            String status = STATUSES[random.nextInt(STATUSES.length)];
            long version = random.nextInt(3);
            List<Bson> queries = List.of(
                    and(eq("_id", id), eq("version", version)),
                    and(eq("_id", id), or(eq("status", status), exists("marker", false))),
                    and(in("_id", id, "doc-" + random.nextInt(230), "doc-" + random.nextInt(230)), gte("n", 2)),
                    new Document("_id", id).append("status", new Document("$ne", status)));
            for (Bson query : queries) {
                assertThat(ids(b, query)).as("%s", query.toBsonDocument()).isEqualTo(ids(a, query));
            }
            // A conditional update, as an aggregate's save at the version it read.
            Bson conditional = and(eq("_id", id), eq("version", version));
            Bson bump = Updates.combine(Updates.inc("version", 1L), Updates.set("status", status));
            assertThat(b.updateOne(conditional, bump).getModifiedCount())
                    .isEqualTo(a.updateOne(conditional, bump).getModifiedCount());
        }
        assertThat(ids(b, exists("_id"))).isEqualTo(ids(a, exists("_id")));
        assertThat(b.find().into(new ArrayList<>())).isEqualTo(a.find().into(new ArrayList<>()));
    }

    private static List<Bson> filters(Random random) {
        String status = STATUSES[random.nextInt(STATUSES.length)];
        return List.of(
                eq("status", status),
                in("status", status, "PUBLISHED"),
                eq("n", 2), eq("n", 2.0), eq("n", 2L), in("n", 1, 3.5),
                gte("n", 2), and(gt("n", 1), lt("n", 4)),
                eq("tags", "t" + random.nextInt(6)),
                in("tags", "t1", "t2"),
                gte("marker", new Date(0)),
                and(gte("marker", new Date(0)), or(exists("touched", false), lt("touched", 300))),
                and(gte("marker", new Date(400)), in("_id", "doc-1", "doc-2", "doc-3", "doc-40", "doc-77")),
                and(in("_id", "doc-1", "doc-2", "doc-3", "doc-40", "doc-77", "nope"), exists("marker", false)),
                and(eq("_id", "doc-" + random.nextInt(150)), eq("status", status)),
                exists("marker"),
                eq("sub.x", random.nextInt(4)),
                and(eq("owner", "inst-" + random.nextInt(3)), gte("n", 1)),
                regex("status", "^PUB"),
                and(eq("status", status), eq("tags", "t0")),
                // not served by the index: must still be answered, by a scan
                exists("marker", false),
                or(eq("status", status), eq("n", 1)),
                eq("status", null));
    }

    /** A query sorted on one field with a limit, which the indexed store answers by walking the index. */
    private record Sorted(Bson filter, Bson sort, int limit) {
        @Override
        public String toString() {
            return filter.toBsonDocument() + " sorted " + sort.toBsonDocument() + " limit " + limit;
        }
    }

    private static List<Sorted> sortedQueries(Random random) {
        int limit = 1 + random.nextInt(6);
        String status = STATUSES[random.nextInt(STATUSES.length)];
        return List.of(
                new Sorted(gte("marker", new Date(0)), Sorts.ascending("marker"), limit),
                new Sorted(gte("marker", new Date(0)), Sorts.descending("marker"), limit),
                new Sorted(and(gte("marker", new Date(random.nextInt(1000))), lt("marker", new Date(900)),
                        or(exists("touched", false), lt("touched", 300))), Sorts.ascending("marker"), limit),
                new Sorted(and(gt("marker", new Date(500)), lt("marker", new Date(100))), Sorts.ascending("marker"),
                        limit),
                new Sorted(exists("marker"), Sorts.descending("marker"), limit),
                new Sorted(gte("n", 1), Sorts.ascending("n"), limit),
                new Sorted(and(gt("n", 0.5), lt("n", 4)), Sorts.descending("n"), limit),
                new Sorted(in("status", status, "PUBLISHED"), Sorts.ascending("status"), limit),
                new Sorted(eq("status", status), Sorts.descending("status"), limit),
                // left to the store's own sort: arrays in the field, a filter by id, no condition on the field
                new Sorted(in("tags", "t1", "t2"), Sorts.ascending("tags"), limit),
                new Sorted(and(gte("marker", new Date(0)), in("_id", "doc-1", "doc-2", "doc-3", "doc-40")),
                        Sorts.ascending("marker"), limit),
                new Sorted(eq("owner", "inst-1"), Sorts.ascending("marker"), limit));
    }

    private static List<Object> ids(MongoCollection<Document> collection, Sorted query) {
        List<Object> ids = new ArrayList<>();
        collection.find(query.filter()).sort(query.sort()).limit(query.limit()).forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static List<Object> ids(MongoCollection<Document> collection, Bson filter) {
        List<Object> ids = new ArrayList<>();
        collection.find(filter).sort(Sorts.ascending("_id")).forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static Document randomDocument(Random random, int i) {
        Document d = new Document("_id", "doc-" + i)
                .append("owner", "inst-" + random.nextInt(3));
        if (random.nextInt(5) > 0) {
            d.append("status", STATUSES[random.nextInt(STATUSES.length)]);
        }
        switch (random.nextInt(4)) {
            case 0 -> d.append("n", random.nextInt(5));
            case 1 -> d.append("n", (long) random.nextInt(5));
            case 2 -> d.append("n", random.nextInt(10) / 2.0);
            default -> { }
        }
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add("t" + random.nextInt(6));
        }
        d.append("tags", tags);
        if (random.nextInt(4) == 0) {
            d.append("marker", new Date(random.nextInt(1000)));
        }
        if (random.nextBoolean()) {
            d.append("sub", random.nextBoolean() ? new Document("x", random.nextInt(4))
                    : List.of(new Document("x", random.nextInt(4))));
        }
        return d;
    }

    private static de.bwaldvogel.mongo.bson.Document doc(String key, Object value) {
        return new de.bwaldvogel.mongo.bson.Document(key, value);
    }

    @Test
    void aSortedQueryWithALimitWalksTheIndexAndStopsAtTheLimit() {
        SecondaryIndex<Integer> index = (SecondaryIndex<Integer>) SecondaryIndex.<Integer>of("pending",
                List.of(new IndexKey("outboxPendingSince", true)), true).orElseThrow();
        for (int i = 0; i < 10_000; i++) {
            index.add(doc("_id", "a-" + i).append("outboxPendingSince", java.time.Instant.ofEpochMilli(10_000 - i)),
                    i, null);
        }
        var query = doc("outboxPendingSince", doc("$gte", new Date(0)));
        var walked = index.positionsInOrder(query, true).iterator();
        assertThat(walked.next()).isEqualTo(9_999);
        assertThat(walked.next()).isEqualTo(9_998);

        // Through the store: a sorted query with a limit gets the oldest in order.
        MongoCollection<Document> c = indexed.getDatabase("ordered").getCollection("outbox");
        c.createIndex(Indexes.ascending("pendingSince"), new IndexOptions().sparse(true));
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            Document d = new Document("_id", "o-" + i);
            if (i % 2 == 0) {
                d.append("pendingSince", new Date(5_000 - i));
            }
            batch.add(d);
        }
        c.insertMany(batch);
        List<Object> oldest = new ArrayList<>();
        c.find(gte("pendingSince", new Date(0))).sort(Sorts.ascending("pendingSince")).limit(3)
                .forEach(d -> oldest.add(d.get("_id")));
        assertThat(oldest).containsExactly("o-1998", "o-1996", "o-1994");
        // One document holding an array in the field: the store sorts by MongoDB's rules instead.
        c.insertOne(new Document("_id", "o-array").append("pendingSince", List.of(new Date(1), new Date(9_000))));
        oldest.clear();
        c.find(gte("pendingSince", new Date(0))).sort(Sorts.ascending("pendingSince")).limit(2)
                .forEach(d -> oldest.add(d.get("_id")));
        assertThat(oldest).containsExactly("o-array", "o-1998");
    }

    @Test
    void aSparseMarkerIndexHandsTheStoreOnlyTheDocumentsThatCarryIt() {
        SecondaryIndex<Integer> index = (SecondaryIndex<Integer>) SecondaryIndex.<Integer>of("pending",
                List.of(new IndexKey("outboxPendingSince", true)), true).orElseThrow();
        for (int i = 0; i < 1000; i++) {
            var d = doc("_id", "a-" + i);
            if (i % 100 == 7) {
                d.append("outboxPendingSince", java.time.Instant.ofEpochMilli(i));
            }
            index.add(d, i, null);
        }
        var query = doc("$and", List.of(
                doc("outboxPendingSince", doc("$gte", new Date(0))),
                doc("$or", List.of(doc("outboxLease.until", doc("$exists", false))))));
        assertThat(index.canHandle(query)).isTrue();
        assertThat(index.getPositions(query)).containsExactly(7, 107, 207, 307, 407, 507, 607, 707, 807, 907);
        assertThat(index.getCount()).isEqualTo(10);

        index.updateInPlace(doc("_id", "a-107"), doc("_id", "a-107"), 107, null);
        assertThat(index.getPositions(query)).hasSize(9).doesNotContain(107);
        assertThat(index.remove(doc("_id", "a-7"))).isEqualTo(7);
        assertThat(index.getPositions(query)).hasSize(8).doesNotContain(7);

        var claim = doc("$and", List.of(doc("outboxPendingSince", doc("$gte", new Date(0))),
                doc("_id", doc("$in", List.of("a-207", "a-307", "a-308", "elsewhere")))));
        assertThat(index.getPositions(claim)).containsExactly(207, 307, 308);

        assertThat(index.positionsInOrder(query, true)).containsExactly(207, 307, 407, 507, 607, 707, 807, 907);
        assertThat(index.positionsInOrder(query, false)).containsExactly(907, 807, 707, 607, 507, 407, 307, 207);
        var later = doc("outboxPendingSince", doc("$gt", new Date(400)).append("$lte", new Date(707)));
        assertThat(index.positionsInOrder(later, true)).containsExactly(407, 507, 607, 707);
        // by id: the ids are fewer to test than the index's range
        assertThat(index.positionsInOrder(claim, true)).isNull();

        assertThat(index.canHandle(doc("outboxPendingSince", doc("$exists", false)))).isFalse();
        assertThat(index.canHandle(doc("other", 1))).isFalse();
    }
}
