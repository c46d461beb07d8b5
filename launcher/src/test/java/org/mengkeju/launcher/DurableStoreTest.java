package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.mongodb.MongoNamespace;
import com.mongodb.MongoWriteException;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acknowledged writes survive the store's process being killed: the store is ended the way a kill -9 leaves it (no
 * close, nothing committed after the last commit), then reopened on the same file.
 */
class DurableStoreTest {

    @TempDir
    Path dir;

    /**
     * Without the MVStore's background writer only the backend's own commits reach the file, so this shows that
     * every kind of write is committed before its reply, whatever the timing.
     */
    @Test
    void everyAcknowledgedWriteIsInTheFileAfterACrashRightAfterTheReply() {
        Path file = dir.resolve("store.mv");
        crashAfter(new DurableH2Backend(openWithoutBackgroundWriter(file)), DurableStoreTest::writeEveryKind);

        reopen(file, mongo -> {
            MongoDatabase points = mongo.getDatabase("points");
            MongoCollection<Document> accounts = points.getCollection("accounts");
            assertThat(accounts.find().sort(new Document("_id", 1)).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id") + "=" + d.get("balance"))
                    .containsExactly("bit=70", "imau=15", "imu=40", "imut=130", "ordos=1");
            assertThat(accounts.find(Filters.eq("_id", "imut")).first()).containsEntry("region", "150100");
            assertThat(accounts.find(Filters.eq("_id", "bit")).first()).containsEntry("reviewed", true);
            assertThat(accounts.listIndexes().into(new ArrayList<>())).extracting(d -> d.getString("name"))
                    .contains("region_1");
            assertThat(points.listCollectionNames().into(new ArrayList<>()))
                    .contains("accounts", "ledger", "summary", "settled")
                    .doesNotContain("scratch", "pending");
            assertThat(points.getCollection("ledger").countDocuments()).isEqualTo(2);
            // "settled" (renamed) and "summary" ($out) by name only: mongo-java-server 1.47's H2 backend loses the
            // documents of a renamed collection, which $out is too, even across a clean close
        });
    }

    /**
     * A crash that lands between a write and its commit: the write is in memory only, so the client must not be told
     * it is kept (it was, before: the reply went out after a commit skipped on the closed store, and a points
     * transfer whose acknowledged state step was lost would be moved on by recovery from a state it had left).
     */
    @Test
    void aWriteTheCrashCaughtBeforeItsCommitIsNotAcknowledged() {
        Path file = dir.resolve("store.mv");
        DurableH2Backend backend = new DurableH2Backend(openWithoutBackgroundWriter(file)) {
            @Override
            public void commit() {
                getMvStore().closeImmediately(); // the crash, right after the write and before its commit
                super.commit();
            }
        };
        MongoServer server = new MongoServer(backend);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> transfers = mongo.getDatabase("points").getCollection("point_transfers");
            assertThatThrownBy(() -> transfers.insertOne(new Document("_id", "contract-registered:c-42:seller")
                    .append("state", "POSTED")))
                    .isInstanceOf(MongoException.class);
        } finally {
            server.shutdownNow();
        }
        reopen(file, mongo -> assertThat(mongo.getDatabase("points").getCollection("point_transfers")
                .countDocuments()).isZero());
    }

    /** The same crash with the plain backend loses the writes: the crash above really drops uncommitted state. */
    @Test
    void thePlainBackendLosesTheSameWritesInTheSameCrash() {
        Path file = dir.resolve("store.mv");
        crashAfter(new H2Backend(openWithoutBackgroundWriter(file)), DurableStoreTest::writeEveryKind);

        reopen(file, mongo -> assertThat(mongo.getDatabase("points").getCollection("accounts").countDocuments())
                .isZero());
    }

    @Test
    void readsCommitNothing() {
        DurableH2Backend backend = new DurableH2Backend(openWithoutBackgroundWriter(dir.resolve("store.mv")));
        MongoServer server = new MongoServer(backend);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> accounts = mongo.getDatabase("points").getCollection("accounts");
            accounts.insertOne(new Document("_id", "imut").append("balance", 120));
            long version = backend.getMvStore().getCurrentVersion();

            assertThat(accounts.find(Filters.eq("_id", "imut")).first()).isNotNull();
            assertThat(accounts.countDocuments()).isEqualTo(1);
            assertThat(accounts.distinct("balance", Integer.class).into(new ArrayList<>())).containsExactly(120);
            assertThat(accounts.aggregate(List.of(new Document("$match", new Document("balance", 120))))
                    .into(new ArrayList<>())).hasSize(1);
            assertThat(accounts.listIndexes().into(new ArrayList<>())).isNotEmpty();
            assertThat(mongo.getDatabase("points").listCollectionNames().into(new ArrayList<>())).contains("accounts");
            assertThat(mongo.listDatabaseNames().into(new ArrayList<>())).contains("points");

            assertThat(backend.getMvStore().getCurrentVersion()).isEqualTo(version);
            accounts.updateOne(Filters.eq("_id", "imut"), Updates.inc("balance", 1));
            assertThat(backend.getMvStore().getCurrentVersion()).isGreaterThan(version);
        } finally {
            server.shutdownNow();
        }
    }

    /** The launcher's own store (background writer on, as in a real run) across a crash and a restart. */
    @Test
    void theLaunchersStoreKeepsWhatItAcknowledgedWhenItIsKilled() {
        Path file = dir.resolve("mongo").resolve("store.mv");
        EmbeddedMongoStore store = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
        try (MongoClient mongo = MongoClients.create(store.uri())) {
            MongoCollection<Document> accounts = mongo.getDatabase("points").getCollection("accounts");
            for (int i = 0; i < 20; i++) {
                accounts.insertOne(new Document("_id", "account-" + i).append("balance", i));
            }
            accounts.updateMany(Filters.lt("balance", 10), Updates.inc("balance", 100));
            accounts.deleteOne(Filters.eq("_id", "account-19"));
        } finally {
            store.simulateCrash();
        }

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
             MongoClient mongo = MongoClients.create(reopened.uri())) {
            MongoCollection<Document> accounts = mongo.getDatabase("points").getCollection("accounts");
            assertThat(accounts.countDocuments()).isEqualTo(19);
            assertThat(accounts.countDocuments(Filters.gte("balance", 100))).isEqualTo(10);
            assertThat(accounts.find(Filters.eq("_id", "account-18")).first()).containsEntry("balance", 18);
        }
    }

    /**
     * A commit per write leaves a burst of writes mostly empty space in the file; a clean stop rewrites it with the
     * live data only, every document and index as it was.
     */
    @Test
    void aCleanCloseCompactsTheFileAndKeepsEverything() throws Exception {
        Path file = dir.resolve("mongo").resolve("store.mv");
        Document sample = everyKindOfValue();
        long written;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
             MongoClient mongo = MongoClients.create(store.uri())) {
            MongoCollection<Document> ledger = mongo.getDatabase("points").getCollection("ledger");
            ledger.createIndex(Indexes.ascending("n"), new IndexOptions().unique(true));
            ledger.insertOne(sample);
            for (int i = 0; i < 300; i++) {
                ledger.insertOne(new Document("n", i).append("note", "x".repeat(200)));
            }
            written = Files.size(file);
        }
        assertThat(Files.size(file)).isLessThan(written / 4);

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
             MongoClient mongo = MongoClients.create(reopened.uri())) {
            MongoCollection<Document> ledger = mongo.getDatabase("points").getCollection("ledger");
            assertThat(ledger.countDocuments()).isEqualTo(301);
            assertThat(ledger.find(Filters.eq("_id", sample.getObjectId("_id"))).first()).isEqualTo(sample);
            assertThat(ledger.find(Filters.eq("n", 299)).first()).containsEntry("note", "x".repeat(200));
            assertThatThrownBy(() -> ledger.insertOne(new Document("n", 7)))
                    .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
        }
    }

    /**
     * A file the backend alone wrote (its documents and unique keys Java-serialized) is rewritten in the store's own
     * format when the launcher opens it: every document, id and unique index is still there and still enforced, and
     * the rewritten file opens again as it is.
     */
    @Test
    void aFileOfThePlainBackendIsRewrittenOnceAndKeepsEverything() {
        Path file = dir.resolve("store.mv");
        Document sample = everyKindOfValue();
        H2Backend plain = new H2Backend(openWithoutBackgroundWriter(file));
        MongoServer server = new MongoServer(plain);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> ledger = mongo.getDatabase("points").getCollection("ledger");
            ledger.createIndex(Indexes.ascending("account", "n"), new IndexOptions().unique(true));
            ledger.insertOne(sample);
            for (int i = 0; i < 50; i++) {
                ledger.insertOne(new Document("_id", "t-" + i).append("account", "imut").append("n", i));
            }
            plain.commit();
        } finally {
            server.shutdownNow();
        }

        for (int open = 0; open < 2; open++) {
            reopen(file, mongo -> {
                MongoCollection<Document> ledger = mongo.getDatabase("points").getCollection("ledger");
                assertThat(ledger.countDocuments()).isEqualTo(51);
                assertThat(ledger.find(Filters.eq("_id", sample.getObjectId("_id"))).first()).isEqualTo(sample);
                assertThat(ledger.find(Filters.eq("_id", "t-7")).first()).containsEntry("n", 7);
                assertThat(ledger.find(Filters.and(Filters.eq("account", "imut"), Filters.eq("n", 49))).first())
                        .containsEntry("_id", "t-49");
                assertThatThrownBy(() -> ledger.insertOne(new Document("account", "imut").append("n", 7)))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
                assertThatThrownBy(() -> ledger.insertOne(new Document("_id", "t-3")))
                        .isInstanceOf(MongoWriteException.class).hasMessageContaining("duplicate key");
            });
        }
    }

    /**
     * Writes from several connections at once, each committed before its reply, that add and remove top-level fields
     * as the outbox relay's claim and settle do. The library changes a stored document in place while it updates it;
     * a commit on another connection's thread once serialized such a document half-changed, the store panicked and
     * then hung. Every write must be acknowledged, counted once and kept.
     */
    @Test
    void concurrentWritesFromSeveralConnectionsAreAllCommittedAndKept() throws Exception {
        Path file = dir.resolve("mongo").resolve("store.mv");
        int writers = 4;
        int rounds = 600;
        try (EmbeddedMongoStore store = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
             MongoClient mongo = MongoClients.create(store.uri())) {
            MongoCollection<Document> listings = mongo.getDatabase("catalog").getCollection("achievements");
            List<Document> seed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Document listing = new Document("_id", "l-" + i).append("version", 0);
                for (int field = 0; field < 40; field++) {
                    listing.append("field" + field, "煤基新材料中试 " + field);
                }
                seed.add(listing);
            }
            listings.insertMany(seed);
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < rounds; i++) {
                            Bson listing = Filters.eq("_id", "l-" + (i + writer) % 40);
                            listings.updateOne(listing, Updates.combine(Updates.inc("version", 1),
                                    Updates.set("lease" + writer, new Document("owner", "relay-" + writer))));
                            listings.updateOne(listing, Updates.unset("lease" + writer));
                        }
                    }));
                }
                for (Future<?> writes : done) {
                    writes.get(2, TimeUnit.MINUTES); // a refused write, or a store that stopped answering, fails here
                }
            }
        }

        try (EmbeddedMongoStore reopened = EmbeddedMongoStore.start(file, Ports.pickFree(1).getFirst());
             MongoClient mongo = MongoClients.create(reopened.uri())) {
            List<Document> kept = mongo.getDatabase("catalog").getCollection("achievements").find()
                    .into(new ArrayList<>());
            assertThat(kept).hasSize(40);
            assertThat(kept.stream().mapToInt(d -> d.getInteger("version")).sum()).isEqualTo(writers * rounds);
            assertThat(kept).allSatisfy(d -> assertThat(d.keySet()).noneMatch(key -> key.startsWith("lease")));
        }
    }

    /**
     * Writes that arrive together from several connections share a commit (each is still acknowledged only after a
     * commit that covers it, and all of them are kept).
     */
    @Test
    void writesOfSeveralConnectionsAtOnceShareCommits() throws Exception {
        Path file = dir.resolve("store.mv");
        java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        DurableH2Backend backend = new DurableH2Backend(openWithoutBackgroundWriter(file)) {
            @Override
            public void commit() {
                commits.incrementAndGet();
                super.commit();
            }
        };
        MongoServer server = new MongoServer(backend);
        int writers = 4;
        int each = 300;
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> leads = mongo.getDatabase("finance").getCollection("leads");
            leads.insertOne(new Document("_id", "warm"));
            commits.set(0);
            try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
                List<Future<?>> done = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < each; i++) {
                            leads.insertOne(new Document("_id", "lead-" + writer + "-" + i).append("bank", "内蒙古银行"));
                        }
                    }));
                }
                for (Future<?> writes : done) {
                    writes.get(2, TimeUnit.MINUTES);
                }
            }
        } finally {
            server.shutdownNow();
        }
        assertThat(commits.get()).as("commits for %d writes", writers * each).isPositive()
                .isLessThan(writers * each);
        reopen(file, mongo -> assertThat(mongo.getDatabase("finance").getCollection("leads").countDocuments())
                .isEqualTo(writers * each + 1L));
    }

    /**
     * Non-unique indexes live in memory beside the file: the reopened store rebuilds them from the documents, and
     * filters served by them answer as a scan would.
     */
    @Test
    void secondaryIndexesAreRebuiltWhenTheStoreOpensAgain() {
        Path file = dir.resolve("store.mv");
        crashAfter(new DurableH2Backend(openWithoutBackgroundWriter(file)), mongo -> {
            MongoCollection<Document> outbox = mongo.getDatabase("catalog").getCollection("achievements");
            outbox.createIndex(Indexes.ascending("outboxPendingSince"),
                    new IndexOptions().name("outbox_pending").sparse(true));
            outbox.createIndex(Indexes.ascending("status"));
            for (int i = 0; i < 200; i++) {
                Document d = new Document("_id", "a-" + i).append("status", i % 2 == 0 ? "PUBLISHED" : "DRAFT");
                if (i % 50 == 3) {
                    d.append("outboxPendingSince", new Date(1_000L * i));
                }
                outbox.insertOne(d);
            }
            outbox.updateOne(Filters.eq("_id", "a-53"), Updates.unset("outboxPendingSince"));
        });

        MongoServer server = new MongoServer(new DurableH2Backend(file.toString()));
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            MongoCollection<Document> outbox = mongo.getDatabase("catalog").getCollection("achievements");
            assertThat(outbox.find(Filters.gte("outboxPendingSince", new Date(0))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactly("a-103", "a-153", "a-3");
            assertThat(outbox.countDocuments(Filters.eq("status", "PUBLISHED"))).isEqualTo(100);
            outbox.updateOne(Filters.eq("_id", "a-8"), Updates.set("outboxPendingSince", new Date(5)));
            outbox.updateOne(Filters.eq("_id", "a-8"), Updates.set("status", "DRAFT"));
            assertThat(outbox.find(Filters.and(Filters.gte("outboxPendingSince", new Date(0)),
                    Filters.eq("status", "DRAFT"))).into(new ArrayList<>()))
                    .extracting(d -> d.getString("_id")).containsExactly("a-103", "a-153", "a-3", "a-8");
        } finally {
            server.shutdownNow();
        }
    }

    /** A document with an ObjectId, a decimal, a date, a subdocument and a list of Chinese and Latin text. */
    private static Document everyKindOfValue() {
        return new Document("_id", new ObjectId()).append("n", -1)
                .append("amount", new Decimal128(new BigDecimal("1234.50")))
                .append("at", new Date(1_700_000_000_000L))
                .append("owner", new Document("institution", "imut").append("region", "150100"))
                .append("tags", List.of("蒙科聚", "transfer"));
    }

    private static void writeEveryKind(MongoClient mongo) {
        MongoDatabase points = mongo.getDatabase("points");
        MongoCollection<Document> accounts = points.getCollection("accounts");
        accounts.insertOne(new Document("_id", "imut").append("balance", 120));
        accounts.insertMany(List.of(new Document("_id", "imu").append("balance", 40),
                new Document("_id", "imau").append("balance", 15), new Document("_id", "nmgu").append("balance", 5)));
        accounts.updateOne(Filters.eq("_id", "imut"), Updates.combine(Updates.inc("balance", 10),
                Updates.set("region", "150100")));
        accounts.updateMany(Filters.lt("balance", 10), Updates.set("small", true));
        accounts.replaceOne(Filters.eq("_id", "imau"), new Document("balance", 15));
        accounts.findOneAndUpdate(Filters.eq("_id", "imu"), Updates.set("balance", 40));
        accounts.deleteOne(Filters.eq("_id", "nmgu"));
        accounts.bulkWrite(List.of(new InsertOneModel<>(new Document("_id", "bit").append("balance", 70)),
                new InsertOneModel<>(new Document("_id", "ordos").append("balance", 1)),
                new UpdateOneModel<>(Filters.eq("_id", "bit"), Updates.set("reviewed", true))));
        accounts.createIndex(Indexes.ascending("region"), new IndexOptions().name("region_1"));
        accounts.createIndex(Indexes.ascending("small"), new IndexOptions().name("small_1"));
        accounts.dropIndex("small_1");

        points.createCollection("ledger");
        points.getCollection("ledger").insertMany(List.of(new Document("n", 1), new Document("n", 2)));
        points.getCollection("scratch").insertOne(new Document("n", 0));
        points.getCollection("scratch").drop();
        points.getCollection("pending").insertOne(new Document("n", 3));
        points.getCollection("pending").renameCollection(new MongoNamespace("points", "settled"));
        accounts.aggregate(List.of(
                new Document("$group", new Document("_id", null).append("total", new Document("$sum", "$balance"))),
                new Document("$out", "summary"))).toCollection();
        mongo.getDatabase("scratch").getCollection("x").insertOne(new Document("n", 1));
        mongo.getDatabase("scratch").drop();
    }

    /** Runs {@code writes} against a server on {@code backend}, then ends it the way a killed process does. */
    private static void crashAfter(H2Backend backend, Consumer<MongoClient> writes) {
        MongoServer server = new MongoServer(backend);
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            writes.accept(mongo);
        }
        server.stopListening();
        backend.getMvStore().closeImmediately(); // what a kill leaves: the file as of the last commit
        server.shutdownNow(); // frees the threads; closing the already closed store writes nothing
    }

    /** Opens the file again as the launcher does and hands a connected client to {@code check}. */
    private static void reopen(Path file, Consumer<MongoClient> check) {
        MongoServer server = new MongoServer(new DurableH2Backend(file.toString()));
        try (MongoClient mongo = MongoClients.create(server.bindAndGetConnectionString())) {
            check.accept(mongo);
        } finally {
            server.shutdownNow();
        }
    }

    private static MVStore openWithoutBackgroundWriter(Path file) {
        return new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
    }
}
