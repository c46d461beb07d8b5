package org.mengkeju.points.ledger;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.IdempotentConsumer;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;

/**
 * Posts points and reads balances. A balance is the sum of the account's ledger entries, so it can never drift
 * from the ledger: no point is created, lost or counted twice by a crash between two writes. Who may read which
 * account is decided here.
 */
@Service
public class PointsLedger {

    private static final Logger log = LoggerFactory.getLogger(PointsLedger.class);

    private final PointTransfers transfers;
    private final IdempotentConsumer once;
    private final MongoTemplate mongo;
    private final Clock clock;

    PointsLedger(PointTransfers transfers, IdempotentConsumer once, MongoTemplate mongo, Clock clock) {
        this.transfers = transfers;
        this.once = once;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Credits {@code points} to {@code accountId} for {@code event}, once however often the event arrives. */
    public Outcome credit(ReceivedEvent event, String accountId, long points, TransferReason reason) {
        String id = event.effectId(reason.effect());
        Outcome outcome = once.insertOnce(PointTransfer.credit(id, accountId, points, reason, event.id(),
                event.subject(), clock.instant()));
        if (outcome == Outcome.APPLIED) {
            log.info("{} points credited to {} for {} {}", points, accountId, reason, event.subject());
        } else {
            log.info("event {} already credited to {}; redelivery ignored", event.id(), accountId);
        }
        return outcome;
    }

    public AccountBalance balanceOf(CallerIdentity caller, String accountId) {
        checkMayRead(caller, accountId);
        var aggregation = Aggregation.newAggregation(
                Aggregation.match(Criteria.where("accountId").is(accountId)),
                Aggregation.group("accountId").sum("points").as("balance").count().as("transfers")
                        .max("postedAt").as("lastPostedAt"));
        List<Document> rows = mongo.aggregate(aggregation, "point_transfers", Document.class).getMappedResults();
        if (rows.isEmpty()) {
            return new AccountBalance(accountId, 0, 0, null);
        }
        Document row = rows.getFirst();
        Date last = row.getDate("lastPostedAt");
        return new AccountBalance(accountId, ((Number) row.get("balance")).longValue(),
                ((Number) row.get("transfers")).longValue(), last == null ? null : last.toInstant());
    }

    public List<PointTransfer> latestTransfersOf(CallerIdentity caller, String accountId) {
        checkMayRead(caller, accountId);
        return transfers.findTop50ByAccountIdOrderByPostedAtDesc(accountId);
    }

    /** An institution reads its own account, operators read any; nobody else reads one. */
    static boolean mayRead(CallerIdentity caller, String accountId) {
        return accountId.equals(caller.institutionId()) || caller.is(Role.OPERATOR);
    }

    private static void checkMayRead(CallerIdentity caller, String accountId) {
        if (!mayRead(caller, accountId)) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " may read only the account of its own "
                    + "institution, not " + accountId);
        }
    }
}
