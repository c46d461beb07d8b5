package org.mengkeju.devstore;

import static com.mongodb.client.model.Filters.gte;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The durable store's databases: sorted queries by index order, also after the store is opened again. */
class IndexedH2DatabaseTest {

    @TempDir
    Path dir;

    @Test
    void answersSortedQueriesWithALimitInIndexOrderBeforeAndAfterReopening() {
        String file = dir.resolve("store.mv").toString();
        withStore(file, c -> {
            c.createIndex(Indexes.ascending("pendingSince"), new IndexOptions().sparse(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                Document d = new Document("_id", "o-" + i).append("title", "成果 " + i);
                if (i % 3 == 0) {
                    d.append("pendingSince", new Date(10_000 - i));
                }
                batch.add(d);
            }
            c.insertMany(batch);
            c.updateOne(new Document("_id", "o-2997"), Updates.unset("pendingSince"));
            assertThat(oldest(c, 3)).containsExactly("o-2994", "o-2991", "o-2988");
        });
        // Opened again: the collections and the index come back from the file, and the sort still uses the index.
        withStore(file, c -> {
            assertThat(oldest(c, 2)).containsExactly("o-2994", "o-2991");
            assertThat(c.countDocuments()).isEqualTo(3_000);
            c.insertOne(new Document("_id", "new").append("pendingSince", new Date(1)));
            assertThat(oldest(c, 2)).containsExactly("new", "o-2994");
        });
    }

    private static List<Object> oldest(MongoCollection<Document> c, int limit) {
        List<Object> ids = new ArrayList<>();
        c.find(gte("pendingSince", new Date(0))).sort(Sorts.ascending("pendingSince")).limit(limit)
                .forEach(d -> ids.add(d.get("_id")));
        return ids;
    }

    private static void withStore(String file, java.util.function.Consumer<MongoCollection<Document>> use) {
        MongoServer server = new MongoServer(new IndexedH2Backend(file));
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            use.accept(client.getDatabase("catalog").getCollection("achievements"));
        } finally {
            server.shutdownNow();
        }
    }
}
