package org.mengkeju.catalog.inquiry;

import java.util.Map;
import java.util.TreeMap;

import org.bson.Document;
import org.mengkeju.catalog.session.SessionInquiries;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Counts the inquiries that named a session, for the session's results, from the inquiries themselves: only the
 * achievement each is about is read, never the threads.
 */
@Component
class SessionInquiryCounts implements SessionInquiries {

    private final MongoTemplate mongo;

    SessionInquiryCounts(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Map<String, Long> countedByAchievement(String sessionId) {
        Query query = Query.query(Criteria.where("sessionId").is(sessionId));
        query.fields().include("achievementId");
        Map<String, Long> counts = new TreeMap<>();
        mongo.find(query, Document.class, mongo.getCollectionName(Inquiry.class))
                .forEach(inquiry -> counts.merge(inquiry.getString("achievementId"), 1L, Long::sum));
        return counts;
    }
}
