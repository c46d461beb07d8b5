package org.mengkeju.events.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A deal's publication period (公示) ended without an objection upheld: the deal is final and the parties go on to
 * sign a technology contract. Carries what a contract is pre-filled with: the two parties as the catalog registered
 * them, the achievement, the price and the mode.
 *
 * @param lotId             the lot, and the deal's id
 * @param achievementId     the achievement sold
 * @param achievementTitle  its title when the deal became final
 * @param transferMode      how the rights change hands (ASSIGNMENT, LICENCE, EQUITY, DEVELOPMENT, SERVICE)
 * @param saleMode          AGREEMENT or AUCTION
 * @param priceYuan         the deal's price in yuan, exact to the fen
 * @param startingPriceYuan the listed or starting price
 * @param seller            the selling institution
 * @param buyer             the buying institution
 * @param sessionId         the release session it was sold in; absent when none
 * @param finalisedAt       when the deal became final (UTC)
 */
public record DealFinalised(
        String lotId,
        String achievementId,
        String achievementTitle,
        String transferMode,
        String saleMode,
        BigDecimal priceYuan,
        BigDecimal startingPriceYuan,
        Party seller,
        Party buyer,
        String sessionId,
        Instant finalisedAt) {

    /**
     * A party as the catalog's institution registry knows it; {@code name}, {@code creditCode} and
     * {@code regionCode} are absent when the institution was never registered there.
     */
    public record Party(String institutionId, String name, String creditCode, String regionCode,
            Boolean publicResearchBody) {
    }

    public static final EventContract<DealFinalised> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.deal.finalised.v1", Topics.CATALOG_TRADING, DealFinalised.class);
}
