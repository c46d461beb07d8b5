package org.mengkeju.finance.lead;

import java.time.Clock;
import java.util.function.UnaryOperator;

import org.mengkeju.platform.feed.FeedSequence;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Numbers every change of a lead for the lead feed; see {@link FeedSequence} for how. */
@Component
public class LeadSequence extends FeedSequence {

    static final String COLLECTION = "lead_sequence";

    LeadSequence(MongoTemplate mongo, Clock clock) {
        super(mongo, clock, COLLECTION, "leads");
    }

    /** Writes a change with its number in the feed; the number is released whether the write worked or not. */
    Lead numbered(Lead lead, UnaryOperator<Lead> write) {
        return numbered(number -> {
            lead.stampChange(number);
            return write.apply(lead);
        });
    }
}
