package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * An operator upheld an objection (异议) filed during a deal's publication period: the deal is void and the
 * achievement stays on offer.
 *
 * @param lotId           the lot, and the deal's id
 * @param achievementId   the achievement
 * @param objectionNumber the objection upheld, numbered from 1 within the lot
 * @param reason          the operator's note on the decision
 * @param annulledAt      when it was annulled (UTC)
 */
public record DealAnnulled(
        String lotId,
        String achievementId,
        int objectionNumber,
        String reason,
        Instant annulledAt) {

    public static final EventContract<DealAnnulled> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.deal.annulled.v1", Topics.CATALOG_TRADING, DealAnnulled.class);
}
