package org.mengkeju.points.expiry;

import java.time.Clock;
import java.time.LocalDate;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.points.award.AwardPolicy;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.PointsLedger.Expirable;
import org.mengkeju.points.ledger.Repeating;
import org.mengkeju.points.ledger.Transfer;
import org.mengkeju.points.ledger.TransferEngine.Started;
import org.mengkeju.points.ledger.TransferReason;
import org.mengkeju.points.ledger.TransferState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Expiry of unused points (积分过期): on each local day, what a holder was credited before the start of that day
 * less the period, and has not spent, redeemed, held or had expire since, moves to {@code system:points-expired} by a
 * transfer dated that day ({@code expiry:<account>:<day>}), so a day's run is done once however often it runs. Spending
 * uses the oldest points first: whatever left an account counts against its oldest credits.
 */
@Service
public class PointsExpiry extends Repeating {

    private static final Logger log = LoggerFactory.getLogger(PointsExpiry.class);

    private final PointsLedger ledger;
    private final ExpiryPolicy policy;
    private final Clock clock;

    PointsExpiry(PointsLedger ledger, ExpiryPolicy policy, Clock clock) {
        super("points-expiry");
        this.ledger = ledger;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * What a day's run did.
     *
     * @param day           the local day (Asia/Shanghai)
     * @param creditedBefore credits posted before the start of this local day were old enough
     * @param accounts      holder accounts looked at
     * @param expired       transfers to the expired account posted for this day (now or by an earlier run)
     * @param points        points they moved
     */
    public record Run(LocalDate day, LocalDate creditedBefore, int accounts, int expired, long points) {
    }

    /** An operator runs (or re-runs) the expiry of a day. */
    public Run run(CallerIdentity caller, LocalDate day) {
        if (!mayRun(caller)) {
            throw ApiProblem.forbidden("only the platform's operators run the expiry of points; client "
                    + caller.clientId() + " may not");
        }
        LocalDate today = clock.instant().atZone(AwardPolicy.REGION).toLocalDate();
        if (day.isAfter(today)) {
            throw ApiProblem.invalid("future-day", "Future day", "day: " + day + " has not begun in "
                    + AwardPolicy.REGION + " (today is " + today + ")");
        }
        return expire(day);
    }

    /** Expires, for every holder, what is due on {@code day}; idempotent per (account, day). */
    public Run expire(LocalDate day) {
        LocalDate before = policy.creditedBefore(day);
        if (day.isBefore(policy.firstDay())) {
            return new Run(day, before, 0, 0, 0);
        }
        int accounts = 0;
        int expired = 0;
        long points = 0;
        for (Expirable holder : ledger.expirable(before.atStartOfDay(AwardPolicy.REGION).toInstant())) {
            accounts++;
            long due = holder.creditedBefore() - holder.spent();
            String id = TransferReason.EXPIRY.effect() + ":" + holder.accountId() + ":" + day;
            Transfer existing = ledger.findTransfer(id).orElse(null);
            if (existing != null) {
                if (existing.state().countsAsPosted()) {
                    expired++;
                    points += existing.amount();
                }
                continue;
            }
            if (due <= 0) {
                continue;
            }
            Started started = ledger.expire(id, holder.accountId(), due, "points credited before " + before
                    + " and unused on " + day);
            if (started.transfer().state() == TransferState.POSTED) {
                expired++;
                points += due;
                log.info("{} points of {} expired on {} (credited before {})", due, holder.accountId(), day, before);
            }
        }
        return new Run(day, before, accounts, expired, points);
    }

    /** Points are money: only operators move them by hand, expiry runs included. */
    static boolean mayRun(CallerIdentity caller) {
        return caller.is(Role.OPERATOR);
    }

    @Override
    protected void scheduleAll() {
        schedule("points expiry run", policy.runEvery(),
                () -> expire(clock.instant().atZone(AwardPolicy.REGION).toLocalDate()));
    }
}
