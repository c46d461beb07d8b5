package org.mengkeju.devstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.HashSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document being changed is never seen half-changed, and every call is answered: an answer is encoded after the
 * collection's lock is released, so a write that changed the stored document in place while another connection's
 * answer was being encoded gave that reader a mix of old and new fields, or made the encoder fail and left its client
 * waiting for an answer that never came.
 */
class ConcurrentReadsTest {

    private static final int FIELDS = 40;

    @TempDir
    Path dir;

    @Test
    void readersAndWritersOfOneDocumentSeeWholeVersionsOnly() throws Exception {
        for (MongoServer server : List.of(new MongoServer(new IndexedMemoryBackend()),
                new MongoServer(new IndexedH2Backend(dir.resolve("store.mv").toString())))) {
            try {
                String uri = "mongodb://127.0.0.1:" + server.bind().getPort();
                hammer(server.toString(), uri);
            } finally {
                server.shutdownNow();
            }
        }
    }

    private static void hammer(String store, String uri) throws Exception {
        // A read that gets no answer fails instead of waiting for ever.
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .applyToSocketSettings(s -> s.readTimeout(20, TimeUnit.SECONDS)).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> c = client.getDatabase("reads").getCollection("accounts");
            c.insertOne(version(0).append("_id", "acc-1"));
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger written = new AtomicInteger();
            AtomicInteger read = new AtomicInteger();
            ConcurrentLinkedQueue<String> torn = new ConcurrentLinkedQueue<>();
            ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < 3; w++) {
                int writer = w;
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        for (int i = 1; !stop.get(); i++) {
                            int value = writer * 1_000_000 + i;
                            Document answer = switch (i % 3) {
                                case 0 -> c.findOneAndUpdate(eq("_id", "acc-1"), setAll(value),
                                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                                case 1 -> c.findOneAndUpdate(eq("_id", "acc-1"), setAll(value));
                                default -> c.findOneAndReplace(eq("_id", "acc-1"), version(value),
                                        new FindOneAndReplaceOptions().returnDocument(ReturnDocument.AFTER));
                            };
                            check(answer, torn);
                            c.updateOne(eq("_id", "acc-1"), setAll(value));
                            written.addAndGet(2);
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            for (int r = 0; r < 3; r++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        while (!stop.get()) {
                            check(c.find(eq("_id", "acc-1")).first(), torn);
                            read.incrementAndGet();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                }));
            }
            TimeUnit.SECONDS.sleep(3);
            stop.set(true);
            for (Thread thread : threads) {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            }
            assertThat(failures).as("%s: every call answered", store).isEmpty();
            assertThat(torn).as("%s: documents read half-changed", store).isEmpty();
            assertThat(written.get()).as("%s: writes", store).isGreaterThan(100);
            assertThat(read.get()).as("%s: reads", store).isGreaterThan(100);
        }
    }

    /** Every field of one version holds the version's value. */
    private static Document version(int value) {
        Document d = new Document();
        for (int f = 0; f < FIELDS; f++) {
            d.append("f" + f, value);
        }
        return d;
    }

    private static Bson setAll(int value) {
        List<Bson> sets = new ArrayList<>();
        for (int f = 0; f < FIELDS; f++) {
            sets.add(Updates.set("f" + f, value));
        }
        return Updates.combine(sets);
    }

    private static void check(Document d, ConcurrentLinkedQueue<String> torn) {
        if (d == null) {
            torn.add("missing");
            return;
        }
        Set<Object> values = new HashSet<>();
        for (int f = 0; f < FIELDS; f++) {
            values.add(d.get("f" + f));
        }
        if (values.size() != 1 || values.contains(null)) {
            torn.add(d.toJson());
        }
    }
}
