package org.mengkeju.catalog.achievement;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.mengkeju.platform.feed.FeedSequence;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Numbers every change of a listing for the change feed (变更序列); see {@link FeedSequence} for how. */
@Component
public class ChangeSequence extends FeedSequence {

    static final String COLLECTION = "change_sequence";

    ChangeSequence(MongoTemplate mongo, Clock clock) {
        super(mongo, clock, COLLECTION, "achievements");
    }

    /** Writes a change with its number in the feed; the number is released whether the write worked or not. */
    Achievement numbered(Achievement achievement, UnaryOperator<Achievement> write) {
        return numbered(number -> {
            achievement.stampChange(number);
            return write.apply(achievement);
        });
    }
}
