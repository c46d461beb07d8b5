package org.mengkeju.points.award;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The parties of registered contracts that earned no award when they were registered (a technology transaction amount
 * under 10,000 yuan, an annual cap already reached): a later change of the registration names the contract, not its
 * parties, so without this a party whose amount was raised would never earn what the new amount is worth. One small
 * document per contract and side, written once (its id is the award's), only when there is no award to find.
 */
@Component
public class UnawardedParties {

    static final String COLLECTION = "point_unawarded_parties";

    private final MongoTemplate mongo;

    UnawardedParties(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A party of a registered contract: its institution, and when the contract was registered. */
    public record Party(String institutionId, Instant registeredAt) {
    }

    /** Remembers the party of {@code awardId} (the award it would have had); once, however often it is asked. */
    void remember(String awardId, String institutionId, Instant registeredAt) {
        try {
            mongo.insert(new Document("_id", awardId).append("institutionId", institutionId)
                    .append("registeredAt", Date.from(registeredAt)), COLLECTION);
        } catch (DuplicateKeyException rememberedBefore) {
            // a redelivered registration: the party is the same
        }
    }

    /** The party that {@code awardId} would have paid, if its contract earned it nothing when registered. */
    Optional<Party> find(String awardId) {
        Document party = mongo.findById(awardId, Document.class, COLLECTION);
        return party == null ? Optional.empty() : Optional.of(new Party(party.getString("institutionId"),
                party.getDate("registeredAt").toInstant()));
    }
}
