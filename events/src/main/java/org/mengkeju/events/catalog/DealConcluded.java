package org.mengkeju.events.catalog;

import java.math.BigDecimal;
import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A lot listed for sale found its buyer: the only qualified buyer at the end of the listing period (by agreement) or
 * the highest bidder of its auction (竞价). The deal now stands in its publication period (公示), during which an
 * objection may be filed; {@link DealFinalised} or {@link DealAnnulled} follows.
 *
 * @param lotId              the lot, and the deal's id
 * @param achievementId      the achievement sold
 * @param ownerInstitutionId the selling institution
 * @param buyerInstitutionId the buying institution
 * @param saleMode           AGREEMENT (one qualified buyer) or AUCTION
 * @param transferMode       how the rights change hands (ASSIGNMENT, LICENCE, EQUITY, ...)
 * @param priceYuan          the deal's price in yuan, exact to the fen
 * @param startingPriceYuan  the listed or starting price, for the premium a sale achieved
 * @param sessionId          the release session the lot was sold in; absent when none
 * @param publicationEndsAt  when the publication period ends (UTC)
 * @param concludedAt        when the deal was concluded (UTC)
 */
public record DealConcluded(
        String lotId,
        String achievementId,
        String ownerInstitutionId,
        String buyerInstitutionId,
        String saleMode,
        String transferMode,
        BigDecimal priceYuan,
        BigDecimal startingPriceYuan,
        String sessionId,
        Instant publicationEndsAt,
        Instant concludedAt) {

    public static final EventContract<DealConcluded> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.deal.concluded.v1", Topics.CATALOG_TRADING, DealConcluded.class);
}
