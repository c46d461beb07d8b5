package org.mengkeju.devstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.function.Function;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndReplaceOptions;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both stores apply operator updates and findAndModify without copying whole documents ({@link OperatorUpdates}):
 * every kind of update must leave the documents, the counts or documents it answers and the errors it raises exactly
 * as the library's own update does.
 */
class OperatorUpdatesTest {

    @TempDir
    Path dir;

    @Test
    void everyKindOfOperatorUpdateLeavesWhatTheLibrarysOwnUpdateLeaves() {
        List<MongoServer> servers = List.of(new MongoServer(new MemoryBackend()),
                new MongoServer(new IndexedMemoryBackend()),
                new MongoServer(new IndexedH2Backend(dir.resolve("store.mv").toString())));
        List<MongoClient> clients = new ArrayList<>();
        try {
            List<MongoCollection<Document>> stores = new ArrayList<>();
            for (MongoServer server : servers) {
                MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
                clients.add(client);
                MongoCollection<Document> c = client.getDatabase("updates").getCollection("listings");
                c.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
                c.createIndex(Indexes.ascending("status"));
                c.createIndex(Indexes.ascending("outboxPendingSince"), new IndexOptions().sparse(true));
                // Keys under embedded documents: an update of another field leaves them alone, one under them not.
                c.createIndex(Indexes.ascending("sub.y.z"));
                c.createIndex(Indexes.compoundIndex(Indexes.ascending("title"), Indexes.descending("facts.ach-2.status")));
                c.insertMany(List.of(listing("a", 1), listing("b", 2), listing("c", 3)));
                stores.add(c);
            }

            List<Step> steps = List.of(
                    one("a", Updates.set("status", "PUBLISHED")),
                    one("a", Updates.set("status", "PUBLISHED")), // changes nothing: matched, not modified
                    one("b", Updates.combine(Updates.set("sub.x", 7), Updates.set("sub.y.z", "深"),
                            Updates.inc("version", 1L))),
                    one("b", Updates.unset("sub.x")),
                    one("c", Updates.pushEach("pendingEvents", List.of(event("e1"), event("e2")))),
                    one("c", Updates.min("outboxPendingSince", new Date(5_000))),
                    one("c", Updates.combine(Updates.pull("pendingEvents", new Document("eventId",
                            new Document("$in", List.of("e1")))), Updates.set("outboxPendingSince", new Date(9_000)))),
                    one("c", Updates.combine(Updates.set("pendingEvents", List.of()),
                            Updates.unset("outboxPendingSince"))),
                    one("a", Updates.addToSet("tags", "稀土")),
                    one("a", Updates.addToSet("tags", "t0")),
                    one("a", Updates.popFirst("tags")),
                    one("a", Updates.rename("sub", "details")),
                    // Entries of an embedded map keyed by id, as a finance profile keeps its owner's achievements.
                    one("a", Updates.set("facts.ach-3", new Document("status", "PUBLISHED").append("version", 1L))),
                    one("a", Updates.combine(Updates.inc("summary.points", 5L), Updates.unset("facts.ach-1"))),
                    one("a", Updates.set("facts.ach-2.status", "TRANSACTED")),
                    one("a", Updates.push("facts.ach-2.patents", "ZL2024-2")),
                    one("b", Updates.combine(Updates.mul("price", 2), Updates.max("version", 10L))),
                    new Step(c -> c.updateOne(Filters.and(eq("_id", "b"), eq("bids.bidder", "x")),
                            Updates.set("bids.$.amount", 990))),
                    new Step(c -> c.updateOne(eq("_id", "b"), Updates.set("bids.$[hi].accepted", true),
                            new UpdateOptions().arrayFilters(List.of(Filters.gte("hi.amount", 900))))),
                    one("b", Updates.inc("bids.$[].amount", 1)),
                    new Step(c -> c.updateMany(in("status", "DRAFT", "PUBLISHED"), Updates.set("touched", true))),
                    one("a", Updates.set("code", "code-2")), // a duplicate of b's unique code: refused, unchanged
                    one("a", Updates.set("_id", "z")), // the id is immutable: refused
                    one("a", Updates.set("code", "code-9")),
                    new Step(c -> c.updateOne(eq("_id", "new"), Updates.combine(Updates.setOnInsert("status", "DRAFT"),
                            Updates.set("code", "code-new")), new UpdateOptions().upsert(true))),
                    new Step(c -> c.updateOne(eq("_id", "new"), Updates.set("status", "PUBLISHED"),
                            new UpdateOptions().upsert(true))),
                    one("missing", Updates.set("status", "PUBLISHED")),
                    // findAndModify: the document after or before, projected, sorted, positional, refused, upserted
                    fam(eq("_id", "c"), Updates.push("bids", new Document("bidder", "z").append("amount", 1200)),
                            after()),
                    fam(eq("_id", "c"), Updates.inc("version", 1L), new FindOneAndUpdateOptions()
                            .returnDocument(ReturnDocument.BEFORE).projection(Projections.include("version", "bids"))),
                    fam(in("status", "DRAFT", "PUBLISHED"), Updates.set("picked", true),
                            after().sort(Sorts.descending("code"))),
                    fam(Filters.and(eq("_id", "c"), eq("bids.bidder", "y")), Updates.set("bids.$.amount", 1300),
                            after()),
                    fam(eq("_id", "c"), Updates.set("bids.$[low].outbid", true),
                            after().arrayFilters(List.of(Filters.lt("low.amount", 1000)))),
                    fam(eq("_id", "c"), Updates.set("status", "DRAFT"), after()), // changes nothing
                    fam(eq("_id", "c"), Updates.set("code", "code-2"), after()), // a duplicate code: refused
                    fam(eq("_id", "c"), Updates.set("_id", "y"), after()), // the id is immutable: refused
                    fam(eq("_id", "nothing"), Updates.set("status", "PUBLISHED"), after()),
                    fam(eq("_id", "serial-2026"), Updates.inc("next", 1L), after().upsert(true)),
                    fam(eq("_id", "serial-2026"), Updates.inc("next", 1L), after().upsert(true)),
                    fam(eq("_id", "serial-2026"), Updates.inc("next", 1L), new FindOneAndUpdateOptions()),
                    // whole-document replacements: without the id, with it, another id, a duplicate code
                    replace(new Document("status", "PUBLISHED").append("code", "code-new").append("title", "替换")),
                    replace(new Document("_id", "new").append("code", "code-new").append("status", "DRAFT")),
                    replace(new Document("_id", "other").append("code", "code-new")),
                    replace(new Document("code", "code-2")),
                    new Step(c -> c.findOneAndReplace(eq("_id", "new"), new Document("status", "PUBLISHED")
                            .append("code", "code-new").append("v", 2), new FindOneAndReplaceOptions()
                                    .returnDocument(ReturnDocument.AFTER))),
                    new Step(c -> c.findOneAndReplace(eq("_id", "new"), new Document("status", "DRAFT")
                            .append("code", "code-new").append("v", 3))),
                    new Step(c -> c.findOneAndReplace(eq("_id", "new"), new Document("code", "code-2"))));

            for (int i = 0; i < steps.size(); i++) {
                List<String> answers = new ArrayList<>();
                List<List<Document>> contents = new ArrayList<>();
                for (MongoCollection<Document> c : stores) {
                    answers.add(steps.get(i).answer(c));
                    contents.add(c.find().sort(new Document("_id", 1)).into(new ArrayList<>()));
                }
                assertThat(answers).as("answers of step %d", i).containsOnly(answers.getFirst());
                assertThat(contents).as("documents after step %d", i).containsOnly(contents.getFirst());
                // Indexed fields are found through their indexes after the change, as before it.
                for (MongoCollection<Document> c : stores) {
                    assertThat(ids(c, eq("status", "PUBLISHED"))).isEqualTo(ids(stores.getFirst(), eq("status",
                            "PUBLISHED")));
                    assertThat(ids(c, Filters.exists("outboxPendingSince")))
                            .isEqualTo(ids(stores.getFirst(), Filters.exists("outboxPendingSince")));
                    for (Bson indexed : List.of(eq("sub.y.z", "深"), eq("sub.y.z", "浅"),
                            eq("facts.ach-2.status", "TRANSACTED"), eq("code", "code-9"))) {
                        assertThat(ids(c, indexed)).as("%s after step %d", indexed, i)
                                .isEqualTo(ids(stores.getFirst(), indexed));
                    }
                }
            }
            List<Document> last = stores.getFirst().find().sort(new Document("_id", 1)).into(new ArrayList<>());
            // The steps did change things, or the comparison proves nothing.
            assertThat(last).extracting(d -> d.get("_id")).containsExactly("a", "b", "c", "new", "serial-2026");
            assertThat(last.get(2).getList("bids", Document.class)).extracting(d -> d.get("amount"))
                    .containsExactly(500, 1300, 1200);
            assertThat(last.get(4)).containsEntry("next", 3L);
            assertThat(last.get(3)).containsExactlyEntriesOf(new Document("_id", "new").append("status", "DRAFT")
                    .append("code", "code-new").append("v", 3));
            assertThat(last.get(1).getList("bids", Document.class)).extracting(d -> d.get("amount"))
                    .containsExactly(991, 901);
            assertThat(ids(stores.get(1), eq("code", "code-9"))).containsExactly("a");
            assertThat(last.getFirst().get("facts", Document.class)).containsOnlyKeys("ach-2", "ach-3");
            assertThat(last.getFirst().get("facts", Document.class).get("ach-2", Document.class))
                    .containsEntry("status", "TRANSACTED").containsEntry("patents", List.of("ZL2024-1", "ZL2024-2"));
        } finally {
            clients.forEach(MongoClient::close);
            servers.forEach(MongoServer::shutdownNow);
        }
    }

    /** One update command, answered as its counts or its error code. */
    record Step(Function<MongoCollection<Document>, Object> command) {
        String answer(MongoCollection<Document> c) {
            try {
                Object result = command.apply(c);
                return result instanceof com.mongodb.client.result.UpdateResult r
                        ? r.getMatchedCount() + "/" + r.getModifiedCount() + "/" + r.getUpsertedId()
                        : String.valueOf(result);
            } catch (MongoException e) {
                return "error " + e.getCode();
            }
        }
    }

    private static Step fam(Bson filter, Bson update, FindOneAndUpdateOptions options) {
        return new Step(c -> c.findOneAndUpdate(filter, update, options));
    }

    private static FindOneAndUpdateOptions after() {
        return new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER);
    }

    private static Step replace(Document replacement) {
        return new Step(c -> c.replaceOne(eq("_id", "new"), replacement));
    }

    private static Step one(String id, Bson update) {
        return new Step(c -> c.updateOne(eq("_id", id), update));
    }

    private static Document listing(String id, int n) {
        return new Document("_id", id).append("code", "code-" + n).append("status", "DRAFT")
                .append("title", "成果 " + n).append("price", 100 * n).append("version", 0L)
                .append("sub", new Document("x", n).append("y", new Document("z", "浅")))
                .append("tags", new ArrayList<>(List.of("t0", "t" + n)))
                .append("bids", List.of(new Document("bidder", "x").append("amount", 500),
                        new Document("bidder", "y").append("amount", 900)))
                .append("pendingEvents", List.of())
                .append("facts", new Document("ach-1", new Document("status", "DRAFT").append("version", 0L))
                        .append("ach-2", new Document("status", "PUBLISHED").append("version", 0L)
                                .append("patents", new ArrayList<>(List.of("ZL2024-1")))));
    }

    private static Document event(String id) {
        return new Document("eventId", id).append("topic", "mengkeju.catalog.achievements")
                .append("payload", "{\"achievementId\":\"c\"}").append("time", new Date(5_000));
    }

    private static List<Object> ids(MongoCollection<Document> c, Bson filter) {
        return c.find(filter).sort(new Document("_id", 1)).map(d -> d.get("_id")).into(new ArrayList<>());
    }
}
