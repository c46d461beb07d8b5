package org.mengkeju.matching.search;

import java.math.BigDecimal;

/**
 * A search: free text (may be blank to browse by the filters alone) and filters, each null when not set.
 *
 * @param offset how many hits of the ranking to skip (the page cursor)
 */
public record SearchQuery(String text, Searchable.Kind kind, String industryChain, String regionCode, String maturity,
        String transferMode, BigDecimal minPriceYuan, BigDecimal maxPriceYuan, int offset, int limit) {
}
