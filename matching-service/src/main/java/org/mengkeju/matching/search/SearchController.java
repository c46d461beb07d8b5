package org.mengkeju.matching.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the market's search: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Search", description = "检索: free text over public achievements and open demands, Chinese and English, "
        + "with filters and highlighted snippets")
@RequestMapping("/api/v1/matching/search")
class SearchController {

    private final MarketSearch search;

    SearchController(MarketSearch search) {
        this.search = search;
    }

    /** One hit as the API shows it. */
    record HitView(String id, Searchable.Kind kind, String title, String highlightedTitle, String snippet,
            String industryChain, String regionCode, String maturity, Set<String> transferModes, BigDecimal priceYuan,
            float score) {

        static HitView of(SearchHit h) {
            return new HitView(h.id(), h.kind(), h.title(), h.highlightedTitle(), h.snippet(), h.industryChain(),
                    h.regionCode(), h.maturity(), h.transferModes(), h.priceYuan(), h.score());
        }
    }

    /**
     * A page of hits; pass {@code next} as {@code after} for the following one, absent on the last page.
     *
     * @param total      the number of hits, exact when {@code totalExact}; past 1,000 it is 1,000 and means "1,000+"
     * @param totalExact whether {@code total} counts every hit
     */
    record SearchResult(List<HitView> items,
            @Schema(description = "How many hits there are: exact up to 1,000; beyond that 1,000 with `totalExact` "
                    + "false, meaning \"1,000 or more\" (counting every hit would slow every search, and no page "
                    + "goes deeper than 1,000).", example = "1") long total,
            @Schema(description = "Whether `total` counts every hit (false: there are at least `total`).",
                    example = "true") boolean totalExact,
            String next) {
    }

    @GetMapping
    @Operation(operationId = "search", summary = "Search achievements and demands",
            description = "Words of `q` are found in titles (weighing double) and texts, Chinese segmented by "
                    + "Lucene's SmartChinese analyzer; query syntax is not interpreted, so quotes and symbols are just "
                    + "text. A blank `q` lists by the filters alone. `priceYuan` is an achievement's asking price or a "
                    + "demand's budget ceiling; a price filter leaves out negotiable ones. Matched words are marked "
                    + "`<em>…</em>` in `highlightedTitle` and `snippet`, the rest escaped for HTML. `total` is exact "
                    + "up to 1,000 hits; past that it is 1,000 with `totalExact: false` (\"1,000+\").")
    @ApiResponse(responseCode = "200", description = "A page of hits, best first.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SearchResult.class),
            examples = @ExampleObject(name = "cerium", value = SearchExamples.RESULT)))
    SearchResult search(CallerIdentity caller,
            @Parameter(description = "Free text, at most 200 characters.", example = "抛光粉废料回收")
            @RequestParam(required = false) @Size(max = 200) String q,
            @Parameter(description = "Only achievements or only demands.", example = "ACHIEVEMENT")
            @RequestParam(required = false) Searchable.Kind kind,
            @Parameter(description = "Only this industry chain.", example = "RARE_EARTHS")
            @RequestParam(required = false) IndustryChain industryChain,
            @Parameter(description = "Only this league-city (six-digit code).", example = "150200")
            @RequestParam(required = false) @Pattern(regexp = "[0-9]{6}", message = "must be six digits")
            String region,
            @Parameter(description = "Only this maturity (for demands: the one they ask for).", example = "PILOT")
            @RequestParam(required = false) Maturity maturity,
            @Parameter(description = "Only those offering (or asking for) this transfer mode.", example = "LICENCE")
            @RequestParam(required = false) TransferMode transferMode,
            @Parameter(description = "Lowest price in yuan.", example = "100000")
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("100000000000") BigDecimal minPriceYuan,
            @Parameter(description = "Highest price in yuan.", example = "5000000")
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("100000000000") BigDecimal maxPriceYuan,
            @Parameter(description = "The `next` of the previous page.", example = "bzoxMA")
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,16}", message = "must be a cursor")
            String after,
            @Parameter(description = "Page size, 1 to 50.", example = "10")
            @RequestParam(defaultValue = "10") @Min(1) @Max(MarketSearch.MAX_LIMIT) int limit) {
        var query = new SearchQuery(q, kind, industryChain == null ? null : industryChain.name(), region,
                maturity == null ? null : maturity.name(), transferMode == null ? null : transferMode.name(),
                minPriceYuan, maxPriceYuan, 0, limit);
        var result = search.search(caller, query, after);
        return new SearchResult(result.page().hits().stream().map(HitView::of).toList(), result.page().total(),
                result.page().totalExact(), result.next());
    }
}
