package org.mengkeju.contract.deal;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.contract.deal.DealViews.DealPage;
import org.mengkeju.contract.deal.DealViews.DealView;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the final deals: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Deals", description = "成交项目: deals the catalog's market made final (after their publication period), "
        + "each with the contract drawn up from it for its parties to complete and submit")
@RequestMapping("/api/v1/contract/deals")
class DealController {

    private final DealDesk desk;

    DealController(DealDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    @Operation(operationId = "listDeals", summary = "Page through final deals: a party's own or a region's",
            description = "A partner sees the deals its institution sold or bought, a registration institution "
                    + "those whose seller is in its league-city, the platform's operators all. In id order (the "
                    + "order the lots were opened in); pass the `next` of a page as `after`.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DealPage.class),
            examples = @ExampleObject(name = "page", value = DealExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller's role does not read deals.")
    DealPage list(CallerIdentity caller,
            @Parameter(description = "The `next` of the previous page.", example = DealExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = "^lot-[0-9a-f]{12}-[0-9a-f]{8}$",
                    message = "must be a deal id") String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(DealDesk.MAX_PAGE) int limit) {
        List<DealView> items = desk.list(caller, after, limit).stream().map(DealView::of).toList();
        return new DealPage(items, items.size() == limit ? items.getLast().dealId() : null);
    }

    @GetMapping("/{dealId}")
    @Operation(operationId = "getDeal", summary = "Read a final deal and the contract drawn up from it",
            description = "`contractDraft` holds the fields of a contract submission the deal decides (type, "
                    + "title, parties, amount, achievement); `toComplete` names those the parties still fill in "
                    + "before submitting it to `POST /api/v1/contract/contracts`. Visible to the deal's parties, "
                    + "the registration institutions of the seller's league-city and the platform's operators.")
    @ApiResponse(responseCode = "200", description = "The deal.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DealView.class),
            examples = @ExampleObject(name = "auctioned", value = DealExamples.DEAL_EXAMPLE)))
    @ApiResponse(responseCode = "404", description = "No such deal, or not one the caller may see.")
    DealView get(CallerIdentity caller,
            @Parameter(description = "The deal's id (the lot's).", example = DealExamples.EXAMPLE_ID)
            @PathVariable String dealId) {
        return DealView.of(desk.get(caller, dealId));
    }
}
