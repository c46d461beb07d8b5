package org.mengkeju.points.figures;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.points.ledger.Balance;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.SystemAccount;
import org.springframework.stereotype.Component;

/**
 * The scheme's totals for dashboards, read from the system accounts' maintained balances (one read by id each):
 * {@code mengkeju_points_issued}, {@code mengkeju_points_redeemed} and {@code mengkeju_points_expired}, in points
 * (worth yuan 1:1). Reversed awards are netted out of the issued total.
 */
@Component
class PointsGauges {

    static final String ISSUED = "mengkeju.points.issued";
    static final String REDEEMED = "mengkeju.points.redeemed";
    static final String EXPIRED = "mengkeju.points.expired";

    PointsGauges(PointsLedger ledger, MeterRegistry meters) {
        // Points leave the issued account (its balance goes negative) and arrive in the redeemed and expired ones.
        Gauge.builder(ISSUED, ledger, l -> -posted(l, SystemAccount.ISSUED))
                .description("points issued by award rules, net of reversals").register(meters);
        Gauge.builder(REDEEMED, ledger, l -> posted(l, SystemAccount.REDEEMED))
                .description("points redeemed for cash").register(meters);
        Gauge.builder(EXPIRED, ledger, l -> posted(l, SystemAccount.EXPIRED))
                .description("points that expired unused").register(meters);
    }

    private static double posted(PointsLedger ledger, SystemAccount account) {
        Balance balance = ledger.balanceOf(account.accountId());
        return balance.posted();
    }
}
