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
 * @param ipItems            the intellectual property behind the result (知识产权), as the listing states it; absent
 *                           in events from before it was carried
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
        Instant changedAt,
        List<IpItem> ipItems) {

    /**
     * One right behind the result.
     *
     * @param number      the patent or registration number, e.g. ZL201710601862.3
     * @param type        INVENTION_PATENT, UTILITY_MODEL, DESIGN, SOFTWARE_COPYRIGHT, PLANT_VARIETY, IC_LAYOUT or
     *                    TECHNICAL_SECRET
     * @param legalStatus PENDING, GRANTED, EXPIRED or LAPSED (法律状态)
     */
    public record IpItem(String number, String type, String legalStatus) {

        /** A patent (发明, 实用新型 or 外观设计) granted and in force: what a bank means by "owns granted patents". */
        public boolean countsAsGrantedPatent() {
            return "GRANTED".equals(legalStatus)
                    && ("INVENTION_PATENT".equals(type) || "UTILITY_MODEL".equals(type) || "DESIGN".equals(type));
        }
    }

    public static final EventContract<AchievementChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.achievement.changed.v1", Topics.CATALOG_ACHIEVEMENTS, AchievementChanged.class);
}
