package org.mengkeju.catalog.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

import org.bson.Document;
import org.mengkeju.catalog.achievement.ChangeFeed;
import org.mengkeju.catalog.achievement.SubCenterListing;
import org.mengkeju.catalog.achievement.SubCenterUploads;
import org.mengkeju.catalog.achievement.SyncOutcome;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * Sub-center sync, both ways (分中心双向同步): uploads go to {@link SubCenterUploads}, pulls read the {@link ChangeFeed},
 * and both leave their mark in the sub-center's {@link SyncStates}, which operators watch.
 */
@Service
public class SyncDesk {

    /** The most items one upload may carry; a larger batch is refused whole, before anything is written. */
    public static final int MAX_ITEMS = 10_000;

    private final SubCenterUploads uploads;
    private final ChangeFeed feed;
    private final SyncStates states;

    SyncDesk(SubCenterUploads uploads, ChangeFeed feed, SyncStates states) {
        this.uploads = uploads;
        this.feed = feed;
        this.states = states;
    }

    /** Refuses a caller who may not upload before its body is read. */
    public void checkMayUpload(CallerIdentity caller) {
        uploads.checkMayUpload(caller);
    }

    /**
     * Stores the items that could be read and reports every item, those refused while reading included, in the
     * order of the batch.
     */
    public List<SyncOutcome> upload(CallerIdentity caller, List<SubCenterListing> items, List<SyncOutcome> unreadable) {
        uploads.checkMayUpload(caller);
        List<SyncOutcome> outcomes = new ArrayList<>(uploads.upload(caller, items));
        outcomes.addAll(unreadable);
        outcomes.sort(Comparator.comparingInt(SyncOutcome::index));
        states.uploaded(caller.clientId(), caller.regionCode(), outcomes);
        return outcomes;
    }

    /** A page of the change feed after {@code cursor} (null: from the start); a sub-center's pull is recorded. */
    public FeedPage pull(CallerIdentity caller, String cursor, int limit) {
        long after = FeedCursor.decode(cursor);
        ChangeFeed.Page page = feed.after(caller, after, limit);
        if (caller.is(Role.SUB_CENTER)) {
            states.pulled(caller.clientId(), caller.regionCode(), after, page.next());
        }
        return new FeedPage(page.changes(), FeedCursor.encode(page.next()), page.more());
    }

    /** A page of changes and the cursor to pass next time. */
    public record FeedPage(List<ChangeFeed.Change> changes, String next, boolean more) {
    }

    /** Every sub-center's sync state; operators only. */
    public List<Document> states(CallerIdentity caller) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("only operators see every sub-center's sync state");
        }
        return states.all();
    }

    /** One sub-center's sync state; operators, and the sub-center itself. */
    public Document state(CallerIdentity caller, String subCenter) {
        boolean itself = caller.is(Role.SUB_CENTER) && caller.clientId().equals(subCenter);
        if (!caller.is(Role.OPERATOR) && !itself) {
            throw ApiProblem.forbidden("a sub-center sees its own sync state; operators see all");
        }
        Document state = states.of(subCenter);
        if (state == null) {
            throw ApiProblem.notFound("sync state of", subCenter);
        }
        return state;
    }

    /** The feed's position as an opaque string; positions may change form, cursors handed out keep working. */
    static final class FeedCursor {

        private static final String PREFIX = "feed1:";

        private FeedCursor() {
        }

        static String encode(long position) {
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((PREFIX + position).getBytes(StandardCharsets.UTF_8));
        }

        static long decode(String cursor) {
            if (cursor == null || cursor.isEmpty()) {
                return 0;
            }
            try {
                String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                if (text.startsWith(PREFIX)) {
                    long position = Long.parseLong(text.substring(PREFIX.length()));
                    if (position >= 0) {
                        return position;
                    }
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw ApiProblem.invalid("invalid-cursor", "Invalid cursor",
                    "after: '" + cursor + "' is not a cursor of this feed; pass the `next` of a page, or nothing");
        }
    }
}
