package org.mengkeju.events.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A step of an achievement's lifecycle (submitted, taken up for review, published, returned, rejected, under
 * negotiation, back on offer, transacted, withdrawn), with the listing as it stands after the step, so a consumer
 * (matching-service's index, a sub-center's mirror) never has to call back. Publishing also emits
 * {@link AchievementPublished}, which the points award keys on; both go out in order on the achievement's key.
 *
 * @param achievementId      the catalog's id of the achievement
 * @param action             what happened: {@code SUBMIT}, {@code TAKE_UP_REVIEW}, {@code PUBLISH}, {@code RETURN},
 *                           {@code REJECT}, {@code START_NEGOTIATION}, {@code END_NEGOTIATION}, {@code TRANSACT},
 *                           {@code WITHDRAW}
 * @param fromStatus         the status before
 * @param toStatus           the status after
 * @param actor              the API client that did it
 * @param note               the reviewer's comments, the rejection or withdrawal reason; absent when none was given
 * @param title              the listing title
 * @param summary            the listing summary; absent when none was given
 * @param ownerInstitutionId the institution that owns the result
 * @param industryChain      one of the region's key industry chains
 * @param maturity           lab, pilot, small batch or industrialised
 * @param transferModes      the modes on offer (ASSIGNMENT, LICENCE, EQUITY, ...)
 * @param askingPriceYuan    the asking price in yuan, exact to the fen; absent when negotiable (面议)
 * @param regionCode         the league-city (盟市) the listing came from; absent when unknown
 * @param version            the listing's version after the step, so a mirror can drop a stale copy
 * @param changedAt          when it happened (UTC)
 */
public record AchievementStatusChanged(
        String achievementId,
        String action,
        String fromStatus,
        String toStatus,
        String actor,
        String note,
        String title,
        String summary,
        String ownerInstitutionId,
        String industryChain,
        String maturity,
        List<String> transferModes,
        BigDecimal askingPriceYuan,
        String regionCode,
        long version,
        Instant changedAt) {

    public static final EventContract<AchievementStatusChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.achievement.status-changed.v1", Topics.CATALOG_ACHIEVEMENTS,
            AchievementStatusChanged.class);
}
