package org.mengkeju.matching.demand;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.matching.demand.DemandRequests.ChangeStatus;
import org.mengkeju.matching.demand.DemandRequests.DemandPage;
import org.mengkeju.matching.demand.DemandRequests.DemandView;
import org.mengkeju.matching.demand.DemandRequests.PostDemand;
import org.mengkeju.matching.demand.DemandRequests.ReviseDemand;
import org.mengkeju.matching.demand.DemandRequests.TriageDemand;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the demands board: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Demands", description = "技术需求: enterprises' technology problems, triaged by brokers, matched, closed "
        + "or expired after their deadline")
@RequestMapping("/api/v1/matching/demands")
class DemandController {

    private final DemandBoard board;
    private final IdempotentRequests idempotentRequests;

    DemandController(DemandBoard board, IdempotentRequests idempotentRequests) {
        this.board = board;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "postDemand", summary = "Post a technology demand",
            description = "An enterprise's client posts for its own institution; an operator, or the sub-center of the "
                    + "demand's league-city, names the owner in `ownerInstitutionId`. Leave out both budget ends for a "
                    + "negotiable price (面议). The demand expires by itself once its `deadline` (a local day in "
                    + "Asia/Shanghai) is over. Emits DemandPosted.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PostDemand.class),
                    examples = @ExampleObject(name = "cerium-recovery", value = DemandExamples.POST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Posted, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new demand.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier post.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DemandView.class),
                    examples = @ExampleObject(name = "open", value = DemandExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "A client posting for another institution, a sub-center outside "
            + "its league-city, or a broker or finance institution.")
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for another request.")
    ResponseEntity<DemandView> post(CallerIdentity caller,
            @Parameter(description = "Your own key for this post: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "btrp-demand-2026-0007")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody PostDemand request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                DemandView.class, () -> {
                    Demand demand = board.post(caller, idempotencyKey, request.ownerInstitutionId(), request.details())
                            .demand();
                    return ResponseEntity.created(URI.create("/api/v1/matching/demands/" + demand.id()))
                            .body(DemandView.of(demand, board.showsContactTo(caller, demand)));
                });
    }

    @GetMapping
    @Operation(operationId = "listDemands", summary = "Page through demands",
            description = "In id order; pass the `next` of a page as `after` to get the following one. Open and "
                    + "matched demands are listed for every caller; closed and expired ones for their owner, "
                    + "operators, and the brokers and sub-center of their league-city.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DemandPage.class),
            examples = @ExampleObject(name = "page", value = DemandExamples.PAGE_EXAMPLE)))
    DemandPage list(CallerIdentity caller,
            @Parameter(description = "Only demands in this status.", example = "OPEN")
            @RequestParam(required = false) DemandStatus status,
            @Parameter(description = "Only demands of this industry chain.", example = "RARE_EARTHS")
            @RequestParam(required = false) IndustryChain industryChain,
            @Parameter(description = "Only this league-city (six-digit code).", example = "150200")
            @RequestParam(required = false) @Pattern(regexp = "[0-9]{6}", message = "must be six digits")
            String region,
            @Parameter(description = "The `next` of the previous page.", example = "dem-0000000000000000")
            @RequestParam(required = false) @Pattern(regexp = "dem-[0-9a-f]{16}", message = "must be a demand id")
            String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(DemandBoard.MAX_PAGE) int limit) {
        List<Demand> page = board.list(caller, status, industryChain, region, after, limit);
        List<DemandView> items = page.stream().map(d -> DemandView.of(d, board.showsContactTo(caller, d))).toList();
        return new DemandPage(items, items.size() == limit ? items.getLast().id() : null);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getDemand", summary = "Read a demand",
            description = "The contact person is shown to the owner, operators, and the brokers and sub-center of the "
                    + "demand's league-city.")
    @ApiResponse(responseCode = "200", description = "The demand.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DemandView.class),
            examples = @ExampleObject(name = "open", value = DemandExamples.VIEW_EXAMPLE)))
    DemandView get(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = DemandExamples.EXAMPLE_ID) @PathVariable String id) {
        Demand demand = board.get(caller, id);
        return DemandView.of(demand, board.showsContactTo(caller, demand));
    }

    @PatchMapping("/{id}")
    @Operation(operationId = "reviseDemand", summary = "Revise an open demand",
            description = "The enterprise (or an operator for it) restates its open demand: each field given replaces "
                    + "its own, a budget end given replaces that end. A demand sent back for re-diagnosis goes back "
                    + "to the brokers untriaged. Nothing new returns it unchanged. Emits DemandStatusChanged (REVISE).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ReviseDemand.class),
                    examples = @ExampleObject(name = "rediagnosed", value = DemandExamples.REVISE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The revised demand.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DemandView.class),
            examples = @ExampleObject(name = "open", value = DemandExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not the owner nor an operator.")
    @ApiResponse(responseCode = "409", description = "The demand is no longer open, or changed meanwhile.")
    DemandView revise(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = DemandExamples.EXAMPLE_ID) @PathVariable String id,
            @Valid @RequestBody ReviseDemand request) {
        Demand demand = board.revise(caller, id, request.revision(), request.budgetMinYuan(),
                request.budgetMaxYuan(), request.note());
        return DemandView.of(demand, board.showsContactTo(caller, demand));
    }

    @PostMapping("/{id}/triage")
    @Operation(operationId = "triageDemand", summary = "Triage an open demand",
            description = "A broker's verdict (分诊): REFINED (the statement sharpened by the fields given), SENT_BACK "
                    + "(the enterprise must diagnose its problem again; not matched until then) or LONG_TERM_TRACKING "
                    + "(kept open past its deadline). The same verdict again with nothing new returns the demand "
                    + "unchanged. Emits DemandStatusChanged.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = TriageDemand.class),
                    examples = @ExampleObject(name = "refine", value = DemandExamples.TRIAGE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The triaged demand.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DemandView.class),
            examples = @ExampleObject(name = "refined", value = DemandExamples.TRIAGED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators and the brokers of the demand's league-city.")
    @ApiResponse(responseCode = "409", description = "The demand is no longer open, or changed meanwhile.")
    DemandView triage(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = DemandExamples.EXAMPLE_ID) @PathVariable String id,
            @Valid @RequestBody TriageDemand request) {
        Demand demand = board.triage(caller, id, request.decision(), request.refinement(), request.note());
        return DemandView.of(demand, board.showsContactTo(caller, demand));
    }

    @PutMapping("/{id}/status")
    @Operation(operationId = "changeDemandStatus", summary = "Mark a demand matched or closed",
            description = "Open → MATCHED → CLOSED; an open demand may also be CLOSED directly. Setting the status "
                    + "it has returns it unchanged. Expiry is not set: it comes by itself after the deadline. Emits "
                    + "DemandStatusChanged.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ChangeStatus.class),
                    examples = @ExampleObject(name = "matched", value = DemandExamples.STATUS_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The demand in its new status.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DemandView.class),
            examples = @ExampleObject(name = "matched", value = DemandExamples.MATCHED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the owner, operators and the brokers of the demand's "
            + "league-city.")
    @ApiResponse(responseCode = "409", description = "The lifecycle does not allow that move, or the demand changed "
            + "meanwhile.")
    DemandView changeStatus(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = DemandExamples.EXAMPLE_ID) @PathVariable String id,
            @Valid @RequestBody ChangeStatus request) {
        Demand demand = board.changeStatus(caller, id, request.status(), request.note());
        return DemandView.of(demand, board.showsContactTo(caller, demand));
    }
}
