package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.util.Set;

/** What the owner says about a result when listing it. */
public record AchievementDetails(
        String title,
        String summary,
        IndustryChain industryChain,
        Maturity maturity,
        Set<TransferMode> transferModes,
        BigDecimal askingPriceYuan) {
}
