package org.mengkeju.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A read of more than the driver's largest message (48 MB) arrives in batches, as MongoDB sends them: a find without
 * a batch size gets 101 documents first, and each getMore at most 16 MiB. The library answered with everything left
 * in one message, and the driver refused it (the ledger check over some 160,000 transfers failed so). An aggregation
 * is answered in the same batches.
 */
class ReplyBatchesTest {

    /** About 390 KB each: 250 of them are some 98 MB, twice the driver's 48 MB. */
    private static final String BULK = "蒙".repeat(130_000);
    private static final int DOCUMENTS = 250;

    @TempDir
    Path dir;

    @Test
    void aLargeReadOrAggregationArrivesInBatchesOfMongoDbsSizeOnBothStores() {
        for (MongoServer server : List.of(new MongoServer(new IndexedMemoryBackend()),
                new MongoServer(new IndexedH2Backend(dir.resolve("store.mv").toString())))) {
            try {
                readAll(server.toString(), "mongodb://127.0.0.1:" + server.bind().getPort());
            } finally {
                server.shutdownNow();
            }
        }
    }

    private static void readAll(String store, String uri) {
        List<Integer> batches = new ArrayList<>();
        CommandListener sizes = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                var cursor = event.getResponse().getDocument("cursor", null);
                if (cursor != null) {
                    var batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch")
                            : cursor.getArray("nextBatch");
                    batches.add(batch.size());
                }
            }
        };
        MongoClientSettings settings = MongoClientSettings.builder().applyConnectionString(new ConnectionString(uri))
                .addCommandListener(sizes).build();
        try (MongoClient client = MongoClients.create(settings)) {
            MongoCollection<Document> collection = client.getDatabase("batches").getCollection("large");
            for (int i = 0; i < DOCUMENTS; i++) {
                collection.insertOne(new Document("_id", i).append("text", BULK));
            }
            batches.clear();
            List<Object> ids = new ArrayList<>();
            collection.find().forEach(d -> ids.add(d.get("_id")));

            assertThat(ids).as(store).hasSize(DOCUMENTS).doesNotHaveDuplicates();
            // 101 first; then each getMore stops at the document that reaches 16 MiB (43 are just short of it).
            assertThat(batches).as(store).containsExactly(101, 44, 44, 44, 17);

            batches.clear();
            ids.clear();
            // A client's own batch size is kept.
            collection.find().batchSize(50).forEach(d -> ids.add(d.get("_id")));
            assertThat(ids).as(store).hasSize(DOCUMENTS);
            assertThat(batches).as(store).containsExactly(50, 50, 50, 50, 50);

            // An aggregation's result is cut the same way: the library computed it whole and sent it in one message.
            for (List<Bson> pipeline : List.of(List.of(Aggregates.match(Filters.gte("_id", 0))),
                    List.of(Aggregates.sort(Sorts.descending("_id"))))) {
                batches.clear();
                ids.clear();
                collection.aggregate(pipeline).forEach(d -> ids.add(d.get("_id")));
                assertThat(ids).as(store + " " + pipeline).hasSize(DOCUMENTS).doesNotHaveDuplicates();
                assertThat(batches).as(store + " " + pipeline).containsExactly(101, 44, 44, 44, 17);
            }
            batches.clear();
            ids.clear();
            collection.aggregate(List.of(Aggregates.sort(Sorts.ascending("_id")))).batchSize(50)
                    .forEach(d -> ids.add(d.get("_id")));
            assertThat(ids).as(store).hasSize(DOCUMENTS);
            assertThat(ids.subList(0, 3)).as(store).containsExactly(0, 1, 2);
            assertThat(batches).as(store).containsExactly(50, 50, 50, 50, 50);
        }
    }
}
