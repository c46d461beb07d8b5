package org.mengkeju.contract.registration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The seller side applies once: one claim document per contract as signed (seller, buyer, signing day, title), and
 * one per final deal of the market, its unique {@code _id} deciding between two submissions of the same contract (or
 * of two contracts for one deal), even concurrent ones under different Idempotency-Keys. The claim names the contract that holds it; another submission takes it over only when that
 * contract does not exist (its submission died before the insert) or when it corrects that contract after a return.
 */
@Component
class SubmissionClaims {

    static final String COLLECTION = "submissionClaims";

    private final MongoTemplate mongo;

    SubmissionClaims(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The claim key of a contract as signed. */
    static String keyOf(ContractTerms terms) {
        String signed = terms.seller().creditCode() + "|" + terms.buyer().creditCode() + "|" + terms.signedOn() + "|"
                + terms.title().strip().replaceAll("\\s+", " ");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claim key of the one contract a final deal of the market may have. */
    static String keyOfDeal(String dealId) {
        return "deal:" + dealId;
    }

    /**
     * Claims {@code key} for {@code contractId}.
     *
     * @return empty when claimed, else the id of the contract holding it
     */
    Optional<String> claim(String key, String contractId) {
        try {
            mongo.insert(new Document("_id", key).append("contractId", contractId), COLLECTION);
            return Optional.empty();
        } catch (DuplicateKeyException held) {
            Document claim = mongo.findById(key, Document.class, COLLECTION);
            return claim == null ? claim(key, contractId) : Optional.of(claim.getString("contractId"));
        }
    }

    /** Moves the claim from {@code holder} to {@code contractId}; false when someone else moved it first. */
    boolean takeOver(String key, String holder, String contractId) {
        return mongo.updateFirst(Query.query(Criteria.where("_id").is(key).and("contractId").is(holder)),
                Update.update("contractId", contractId), COLLECTION).getModifiedCount() == 1;
    }
}
