package org.mengkeju.matching.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * Free-text search over the market's public side: published achievements and open demands. Everything it finds is
 * public, so every identified caller may search; what it refuses is a query it cannot answer well (a text too long,
 * a reversed price range, a page too deep).
 */
@Service
public class MarketSearch {

    public static final int MAX_LIMIT = 50;
    /** Deeper than this a ranking stops being useful and starts being a crawl. */
    public static final int MAX_OFFSET = 1_000;

    private final SearchIndex index;

    MarketSearch(SearchIndex index) {
        this.index = index;
    }

    /** A page of hits and the cursor of the next page, null on the last one. */
    public record Result(SearchIndex.Page page, String next) {
    }

    public Result search(CallerIdentity caller, SearchQuery query, String cursor) {
        if (query.minPriceYuan() != null && query.maxPriceYuan() != null
                && query.minPriceYuan().compareTo(query.maxPriceYuan()) > 0) {
            throw ApiProblem.invalid("invalid-price-range", "Price range reversed", "minPriceYuan "
                    + query.minPriceYuan().toPlainString() + " is more than maxPriceYuan "
                    + query.maxPriceYuan().toPlainString());
        }
        int offset = offsetOf(cursor);
        SearchQuery paged = new SearchQuery(query.text(), query.kind(), query.industryChain(), query.regionCode(),
                query.maturity(), query.transferMode(), query.minPriceYuan(), query.maxPriceYuan(), offset,
                query.limit());
        SearchIndex.Page page = index.search(paged);
        int nextOffset = offset + page.hits().size();
        // Past the counted bound there are more hits than the total says.
        boolean more = nextOffset < page.total() || !page.totalExact();
        String next = more && nextOffset <= MAX_OFFSET && !page.hits().isEmpty() ? cursorOf(nextOffset) : null;
        return new Result(page, next);
    }

    static String cursorOf(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    static int offsetOf(String cursor) {
        if (cursor == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (decoded.startsWith("o:")) {
                int offset = Integer.parseInt(decoded.substring(2));
                if (offset >= 0 && offset <= MAX_OFFSET) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // Falls through to the refusal: not a cursor this service gave out.
        }
        throw ApiProblem.invalid("invalid-cursor", "Unknown cursor",
                "after: '" + cursor + "' is not the next of a page of this search");
    }
}
