package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * An achievement (科技成果) passed review and is now publicly listed.
 *
 * @param achievementId      the catalog's id of the achievement
 * @param title              the listing title, e.g. 玉米皮菌体蛋白生物发酵饲料
 * @param ownerInstitutionId the institution that owns the result and earns points for listing it
 * @param industryChain      one of the region's key industry chains, e.g. {@code RARE_EARTHS}
 * @param maturity           lab, pilot, small batch or industrialised
 * @param publishedAt        when it became public (UTC)
 */
public record AchievementPublished(
        String achievementId,
        String title,
        String ownerInstitutionId,
        String industryChain,
        String maturity,
        Instant publishedAt) {

    public static final EventContract<AchievementPublished> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.achievement.published.v1", Topics.CATALOG_ACHIEVEMENTS, AchievementPublished.class);
}
