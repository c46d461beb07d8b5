package org.mengkeju.matching.search;

import java.math.BigDecimal;
import java.util.Set;

/**
 * What the search index holds of a public achievement or an open demand: its text, the facts it is filtered by, and
 * the version of the copy, so that the index keeps only the newest.
 *
 * @param priceYuan the achievement's asking price or the demand's budget ceiling; null when negotiable
 * @param version   the achievement's catalog version or the demand's version; only a higher one replaces a copy
 * @param visible   false once it is withdrawn, closed or expired: kept as a tombstone, never found
 */
public record Searchable(String id, Kind kind, String title, String body, String industryChain, String regionCode,
        String maturity, Set<String> transferModes, BigDecimal priceYuan, long version, boolean visible) {

    /** The two things the market's search finds. */
    public enum Kind {
        ACHIEVEMENT,
        DEMAND
    }

    /**
     * What the index holds as an achievement's body: its summary, then the words of its technical field and the
     * owner's keywords that the title and summary do not already say (PEM, 钕铁硼, 边坡监测), so that a search finds
     * a result by what its owner says it is about, as matching's shared words do.
     */
    public static String achievementBody(String title, String summary, java.util.Collection<String> terms) {
        String said = (title == null ? "" : title) + "\n" + (summary == null ? "" : summary);
        String more = terms.stream().filter(term -> !said.contains(term))
                .collect(java.util.stream.Collectors.joining(" "));
        if (more.isEmpty()) {
            return summary;
        }
        return summary == null ? more : summary + "\n" + more;
    }
}
