package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;

/**
 * What a listing search asks for; every filter is optional and they combine with AND. A price range matches listings
 * whose asked price overlaps it (a negotiable price matches no price filter).
 */
public record ListingQuery(
        IndustryChain industryChain,
        String technologyField,
        String regionCode,
        Maturity maturity,
        TransferMode transferMode,
        BigDecimal minPriceYuan,
        BigDecimal maxPriceYuan,
        AchievementStatus status,
        String ownerInstitutionId,
        String subCenter,
        Sort sort) {

    /** Orders a page can come in; each ends with the id, so the order is total and a cursor stays stable. */
    public enum Sort {
        /** Latest listed first. */
        NEWEST,
        OLDEST,
        /** Cheapest first, by the lowest amount asked; only priced listings. */
        PRICE_ASC,
        PRICE_DESC
    }

    public ListingQuery {
        sort = sort == null ? Sort.NEWEST : sort;
        if (minPriceYuan != null && maxPriceYuan != null && minPriceYuan.compareTo(maxPriceYuan) > 0) {
            throw new InvalidListing("minPriceYuan", "is above maxPriceYuan");
        }
    }

    boolean byPrice() {
        return sort == Sort.PRICE_ASC || sort == Sort.PRICE_DESC || minPriceYuan != null || maxPriceYuan != null;
    }
}
