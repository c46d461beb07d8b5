package org.mengkeju.platform.feed;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.LongFunction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Numbers every change of a feed (the catalog's change feed, a bank's lead feed) and says up to where the feed may be
 * read.
 *
 * <p>A number is taken before the write that carries it, so two writers can commit out of order: number 8 may be
 * stored while number 7 is still on its way. A reader that moved its cursor past 8 would never see 7. So every
 * allocation is registered, in the same atomic update that takes the numbers, in the counter's {@code inflight} list,
 * and marked done after the write; the feed is read only up to the {@linkplain #horizon() horizon}, the last number
 * before the first allocation still in flight. The list is kept in allocation order and trimmed only from its front,
 * so the numbers of each entry follow from the counter's value and the counts after it. An allocation whose writer
 * died is given up after {@link #ABANDONED_AFTER}, far longer than any write takes.
 */
public class FeedSequence {

    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);

    private final MongoTemplate mongo;
    private final Clock clock;
    private final String collection;
    private final String counter;

    /** The sequence kept as the document {@code counter} of {@code collection}. */
    protected FeedSequence(MongoTemplate mongo, Clock clock, String collection, String counter) {
        this.mongo = mongo;
        this.clock = clock;
        this.collection = collection;
        this.counter = counter;
    }

    /** Numbers {@code first} to {@code last}, taken together and released together. */
    public record Allocation(String ticket, long first, long last) {
    }

    /** Takes {@code count} consecutive numbers; the caller must {@link #release} them after its write, in finally. */
    public Allocation allocate(int count) {
        try {
            return allocateOnce(count);
        } catch (com.mongodb.MongoWriteException | com.mongodb.MongoCommandException firstEver) {
            // Two writers created the counter at the same moment; the loser's upsert now finds it.
            return allocateOnce(count);
        }
    }

    private Allocation allocateOnce(int count) {
        String ticket = UUID.randomUUID().toString();
        Document allocated = counters().findOneAndUpdate(eq("_id", counter), Updates.combine(
                        Updates.inc("value", (long) count),
                        Updates.push("inflight", new Document("ticket", ticket).append("n", (long) count)
                                .append("at", Date.from(clock.instant())))),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER));
        long last = allocated.get("value", Number.class).longValue();
        return new Allocation(ticket, last - count + 1, last);
    }

    /** The write with these numbers is done (or failed): the feed may read past them. */
    public void release(Allocation allocation) {
        counters().updateOne(and(eq("_id", counter), eq("inflight.ticket", allocation.ticket())),
                Updates.set("inflight.$.done", true));
        // Trim finished or abandoned entries from the front; a few per release keep the list short.
        Date abandoned = Date.from(clock.instant().minus(ABANDONED_AFTER));
        for (int i = 0; i < 16; i++) {
            var trimmed = counters().updateOne(and(eq("_id", counter),
                    or(eq("inflight.0.done", true), lt("inflight.0.at", abandoned))), Updates.popFirst("inflight"));
            if (trimmed.getModifiedCount() == 0) {
                return;
            }
        }
    }

    /**
     * Writes a change with its number in the feed ({@code write} gets the number); the number is released whether the
     * write worked or not.
     */
    public <T> T numbered(LongFunction<T> write) {
        Allocation allocation = allocate(1);
        try {
            return write.apply(allocation.first());
        } finally {
            release(allocation);
        }
    }

    /** The highest number below which every change is stored or will never be: the feed reads up to here. */
    public long horizon() {
        Document current = counters().find(eq("_id", counter)).first();
        if (current == null) {
            return 0;
        }
        long end = current.get("value", Number.class).longValue();
        long horizon = end;
        Date abandoned = Date.from(clock.instant().minus(ABANDONED_AFTER));
        List<Document> inflight = current.getList("inflight", Document.class, List.of());
        for (int i = inflight.size() - 1; i >= 0; i--) {
            Document entry = inflight.get(i);
            long first = end - entry.get("n", Number.class).longValue() + 1;
            boolean live = !Boolean.TRUE.equals(entry.getBoolean("done")) && entry.getDate("at").after(abandoned);
            if (live) {
                horizon = first - 1;
            }
            end = first - 1;
        }
        return horizon;
    }

    private MongoCollection<Document> counters() {
        return mongo.getCollection(collection);
    }
}
