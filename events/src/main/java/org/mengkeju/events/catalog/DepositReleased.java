package org.mengkeju.events.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A buyer's deposit (保证金) for a lot is to be paid back: the buyer lost the auction, the lot went unsold, or the
 * deal was annulled. Whoever holds the deposits refunds it once per (lotId, buyerInstitutionId).
 *
 * @param lotId              the lot
 * @param achievementId      the achievement offered
 * @param buyerInstitutionId the buyer whose deposit is released
 * @param amountYuan         the deposit in yuan, exact to the fen
 * @param reason             OUTBID, UNSOLD or ANNULLED
 * @param releasedAt         when it was released (UTC)
 */
public record DepositReleased(
        String lotId,
        String achievementId,
        String buyerInstitutionId,
        BigDecimal amountYuan,
        String reason,
        Instant releasedAt) {

    public static final EventContract<DepositReleased> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.deposit.released.v1", Topics.CATALOG_TRADING, DepositReleased.class);
}
