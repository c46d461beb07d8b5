package org.mengkeju.events.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A listing changed: a step of its lifecycle (submitted, taken up for review, published, returned, rejected, under
 * negotiation, back on offer, transacted, withdrawn) or a revision of its content by its owner. It carries the listing
 * as it stands after the change, so a consumer (matching-service's index, a sub-center's mirror) never has to call
 * back, and the listing's version, so a mirror can drop a stale copy. Publishing also emits
 * {@link AchievementPublished}, which the points award keys on; both go out in order on the achievement's key.
 *
 * @param achievementId      the catalog's id of the achievement
 * @param action             what happened: {@code SUBMIT}, {@code TAKE_UP_REVIEW}, {@code PUBLISH}, {@code RETURN},
 *                           {@code REJECT}, {@code START_NEGOTIATION}, {@code END_NEGOTIATION}, {@code TRANSACT},
 *                           {@code WITHDRAW}, or {@code REVISE} (the content changed, the status did not)
 * @param fromStatus         the status before
 * @param toStatus           the status after (the same as before for {@code REVISE})
 * @param actor              the API client that did it
 * @param note               the reviewer's comments, the rejection or withdrawal reason; absent when none was given
 * @param changedFields      for {@code REVISE}, the names of the fields that changed; empty otherwise
 * @param title              the listing title
 * @param summary            the listing summary; absent when none was given
 * @param technologyField    the technical field (技术领域) in the owner's words; absent when none was given
 * @param keywords           the owner's keywords, in their order
 * @param ownerInstitutionId the institution that owns the result
 * @param industryChain      one of the region's key industry chains
 * @param maturity           lab, pilot, small batch or industrialised
 * @param technologyReadinessLevel TRL 1 to 9; absent when not given
 * @param transferModes      the modes on offer (ASSIGNMENT, LICENCE, EQUITY, DEVELOPMENT, SERVICE)
 * @param askingPriceYuan    the fixed asking price in yuan, exact to the fen; absent for a range or 面议
 * @param priceMinYuan       the lower end of a price range in yuan; absent unless the price is a range
 * @param priceMaxYuan       the upper end of a price range in yuan; absent unless the price is a range
 * @param regionCode         the league-city (盟市) the listing came from; absent when unknown
 * @param subCenter          the sub-center (盟市分中心) client that listed it; absent when listed directly
 * @param version            the listing's version after the change
 * @param changedAt          when it happened (UTC)
 */
public record AchievementChanged(
        String achievementId,
        String action,
        String fromStatus,
        String toStatus,
        String actor,
        String note,
        List<String> changedFields,
        String title,
        String summary,
        String technologyField,
        List<String> keywords,
        String ownerInstitutionId,
        String industryChain,
        String maturity,
        Integer technologyReadinessLevel,
        List<String> transferModes,
        BigDecimal askingPriceYuan,
        BigDecimal priceMinYuan,
        BigDecimal priceMaxYuan,
        String regionCode,
        String subCenter,
        long version,
        Instant changedAt) {

    public static final EventContract<AchievementChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.achievement.changed.v1", Topics.CATALOG_ACHIEVEMENTS, AchievementChanged.class);
}
