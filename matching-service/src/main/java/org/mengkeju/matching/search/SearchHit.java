package org.mengkeju.matching.search;

import java.math.BigDecimal;
import java.util.Set;

/**
 * One result: the item's facts, its relevance, and its title and a snippet of its text with the matched words marked
 * {@code <em>…</em>} (the rest of the text escaped for HTML).
 */
public record SearchHit(String id, Searchable.Kind kind, String title, String highlightedTitle, String snippet,
        String industryChain, String regionCode, String maturity, Set<String> transferModes, BigDecimal priceYuan,
        float score) {
}
