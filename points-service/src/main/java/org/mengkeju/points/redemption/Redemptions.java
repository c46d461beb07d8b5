package org.mengkeju.points.redemption;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.points.ledger.AccountKind;
import org.mengkeju.points.ledger.Balance;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.SystemAccount;
import org.mengkeju.points.ledger.Transfer;
import org.mengkeju.points.ledger.TransferEngine.Started;
import org.mengkeju.points.ledger.TransferReason;
import org.mengkeju.points.ledger.TransferRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Redemption of innovation points for cash (积分兑换, 1 point = 1 yuan): a holder asks, the points are held by a
 * pending two-phase transfer to the redeemed account, an operator approves (posted) or refuses (voided), and a
 * request nobody decides expires by itself. The redemption is its ledger transfer; its events go out with the
 * transfer's state changes.
 */
@Service
public class Redemptions {

    private static final Logger log = LoggerFactory.getLogger(Redemptions.class);

    private final PointsLedger ledger;
    private final RedemptionPolicy policy;

    Redemptions(PointsLedger ledger, RedemptionPolicy policy) {
        this.ledger = ledger;
        this.policy = policy;
    }

    /** What a request returned: the redemption, and whether this call created it. */
    public record Requested(Transfer redemption, boolean created) {
    }

    /**
     * Holds {@code points} of {@code accountId} for redemption, once per (caller, Idempotency-Key). More than the
     * available balance is refused without writing anything; concurrent requests that together exceed it are
     * refused by the account's flag when their points are held, and answered the same way.
     */
    public Requested request(CallerIdentity caller, String idempotencyKey, String accountId, long points,
            String note) {
        if (!mayRequest(caller, accountId)) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " may redeem only its own institution's "
                    + "points, not " + accountId + "'s");
        }
        if (SystemAccount.isSystem(accountId)) {
            throw ApiProblem.invalid("system-account", "System account", "accountId: " + accountId
                    + " is the platform's own account; its points are not redeemed");
        }
        String id = redemptionId(caller, idempotencyKey);
        TransferRequest request = PointsLedger.requestOf(id, accountId, SystemAccount.REDEEMED.accountId(), points,
                TransferReason.REDEMPTION, "redemption requested by " + caller.clientId() + " as " + idempotencyKey,
                true, note);
        if (ledger.findTransfer(id).isEmpty()) {
            Balance balance = ledger.balanceOf(accountId);
            if (balance.kind() == AccountKind.SYSTEM) {
                throw ApiProblem.invalid("system-account", "System account", "accountId: system accounts are not "
                        + "redeemed");
            }
            if (balance.available() < points) {
                throw PointsLedger.insufficient(accountId, points, balance.available());
            }
        }
        Started started = ledger.hold(request, caller.clientId(), policy.hold());
        Transfer redemption = started.transfer();
        if (RedemptionStatus.of(redemption) == RedemptionStatus.INSUFFICIENT) {
            throw PointsLedger.insufficient(accountId, points, ledger.balanceOf(accountId).available());
        }
        if (started.created()) {
            log.info("redemption {} of {} points held on {} for {}", id, points, accountId, caller.clientId());
        }
        return new Requested(redemption, started.created());
    }

    public Transfer get(CallerIdentity caller, String redemptionId) {
        return ledger.findTransfer(redemptionId)
                .filter(t -> t.reason() == TransferReason.REDEMPTION && maySee(caller, t))
                .orElseThrow(() -> ApiProblem.notFound("redemption", redemptionId));
    }

    /** An operator's decision: approve posts the held points as redeemed, refuse releases them. */
    public Transfer decide(CallerIdentity caller, String redemptionId, boolean approve, String note) {
        Transfer redemption = get(caller, redemptionId);
        if (!mayDecide(caller)) {
            throw ApiProblem.forbidden("only the platform's operators decide redemptions; client "
                    + caller.clientId() + " may not");
        }
        Transfer decided = approve ? ledger.post(redemption.id(), caller.clientId(), note)
                : ledger.refuse(redemption.id(), caller.clientId(), note);
        if (decided.state() != redemption.state()) {
            log.info("redemption {} of {} points on {} {} by {}", redemptionId, decided.amount(),
                    decided.debitAccountId(), approve ? "approved" : "refused", caller.clientId());
        }
        return decided;
    }

    /** A holder redeems its own points; an operator may file a request for a holder (e.g. from a paper form). */
    static boolean mayRequest(CallerIdentity caller, String accountId) {
        return caller.is(Role.OPERATOR) || accountId.equals(caller.institutionId());
    }

    /** Cash leaves the platform on an operator's word only. */
    static boolean mayDecide(CallerIdentity caller) {
        return caller.is(Role.OPERATOR);
    }

    /** The holder sees its own redemptions, operators all; anyone else is told none exists. */
    static boolean maySee(CallerIdentity caller, Transfer redemption) {
        return caller.is(Role.OPERATOR) || redemption.debitAccountId().equals(caller.institutionId());
    }

    /** The same caller and key always name the same redemption, so a retried request holds the points once. */
    static String redemptionId(CallerIdentity caller, String idempotencyKey) {
        return "redemption-" + UUID.nameUUIDFromBytes((caller.clientId() + "\n" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8));
    }
}
