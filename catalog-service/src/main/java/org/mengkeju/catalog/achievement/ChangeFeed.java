package org.mengkeju.catalog.achievement;

import java.util.ArrayList;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The catalog's change feed (变更订阅): every listing that changed after a position, in the order of the changes,
 * so a sub-center can mirror the catalog exactly. Each listing appears with its latest state only once its latest
 * change is below the {@linkplain ChangeSequence#horizon() horizon}; a listing that changed again appears again
 * further on. A listing the caller may not see but that was public once appears as a removal (withdrawn, for
 * example), so mirrors drop it; drafts of others never appear.
 */
@Service
public class ChangeFeed {

    public static final int MAX_PAGE = 1000;

    private final MongoTemplate mongo;
    private final ChangeSequence sequence;

    ChangeFeed(MongoTemplate mongo, ChangeSequence sequence) {
        this.mongo = mongo;
        this.sequence = sequence;
    }

    /** One change: the listing as it is now, or its removal from what the caller sees. */
    public record Change(long position, String achievementId, long version, boolean removed, Achievement listing) {
    }

    /**
     * A page of changes after {@code after}, and the position to ask from next; {@code more} says whether changes
     * below the horizon are left, so a caller knows to ask again at once rather than later.
     */
    public record Page(List<Change> changes, long next, boolean more) {
    }

    public Page after(CallerIdentity caller, long after, int limit) {
        long horizon = sequence.horizon();
        if (after >= horizon) {
            return new Page(List.of(), after, false);
        }
        Query query = Query.query(Criteria.where("changeSeq").gt(after).lte(horizon))
                .with(Sort.by(Sort.Direction.ASC, "changeSeq")).limit(limit + 1);
        List<Achievement> found = mongo.find(query, Achievement.class);
        boolean more = found.size() > limit;
        List<Achievement> page = more ? found.subList(0, limit) : found;
        List<Change> changes = new ArrayList<>(page.size());
        for (Achievement achievement : page) {
            if (AchievementCatalog.maySee(caller, achievement)) {
                changes.add(new Change(achievement.changeSeq(), achievement.id(), achievement.version(), false,
                        achievement));
            } else if (achievement.publishedAt() != null) {
                changes.add(new Change(achievement.changeSeq(), achievement.id(), achievement.version(), true, null));
            }
        }
        // Everything up to the horizon was read when the page is not full, whatever the caller was shown.
        long next = more ? page.getLast().changeSeq() : horizon;
        return new Page(changes, next, more);
    }
}
