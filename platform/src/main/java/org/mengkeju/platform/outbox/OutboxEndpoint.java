package org.mengkeju.platform.outbox;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * {@code /actuator/outbox}: the events the relay parked, per collection, for an operator to look at. Read on
 * request only, never on a schedule.
 */
@Endpoint(id = "outbox")
public class OutboxEndpoint {

    private static final int LIMIT = 100;

    private final MongoTemplate mongo;
    private final OutboxProperties properties;

    public OutboxEndpoint(MongoTemplate mongo, OutboxProperties properties) {
        this.mongo = mongo;
        this.properties = properties;
    }

    @ReadOperation
    public Map<String, List<Map<String, Object>>> parked() {
        Map<String, List<Map<String, Object>>> parked = new LinkedHashMap<>();
        for (String collection : properties.collections()) {
            List<Map<String, Object>> events = new ArrayList<>();
            mongo.getCollection(collection)
                    .find(new Document(OutboxRelay.PARKED_EVENTS + ".0", new Document("$exists", true)))
                    .projection(new Document(OutboxRelay.PARKED_EVENTS, 1)).limit(LIMIT)
                    .forEach(aggregate -> aggregate.getList(OutboxRelay.PARKED_EVENTS, Document.class).forEach(p -> {
                        Document event = p.get("event", Document.class);
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("aggregateId", String.valueOf(aggregate.get("_id")));
                        row.put("eventId", event.getString("eventId"));
                        row.put("type", event.getString("type"));
                        row.put("topic", event.getString("topic"));
                        row.put("reason", p.getString("reason"));
                        row.put("attempts", p.get("attempts"));
                        row.put("parkedAt", p.getDate("parkedAt").toInstant().toString());
                        events.add(row);
                    }));
            parked.put(collection, events);
        }
        return parked;
    }
}
