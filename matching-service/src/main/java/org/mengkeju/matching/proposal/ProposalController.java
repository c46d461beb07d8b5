package org.mengkeju.matching.proposal;

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
import org.mengkeju.matching.proposal.ProposalViews.ChangeStatus;
import org.mengkeju.matching.proposal.ProposalViews.ProposalPage;
import org.mengkeju.matching.proposal.ProposalViews.ProposalView;
import org.mengkeju.matching.proposal.ProposalViews.Propose;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of proposals: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Proposals", description = "对接建议: matches put to the enterprise behind a demand, followed from proposed "
        + "to closed won or lost")
@RequestMapping("/api/v1/matching")
class ProposalController {

    private final ProposalDesk desk;
    private final IdempotentRequests idempotentRequests;

    ProposalController(ProposalDesk desk, IdempotentRequests idempotentRequests) {
        this.desk = desk;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/demands/{id}/proposals")
    @Operation(operationId = "proposeAchievement", summary = "Propose an achievement for a demand",
            description = "The demand's owner, a broker of its league-city, an operator or the achievement's owner "
                    + "proposes a public achievement for an open or matched demand, with the reasons it fits. A pair "
                    + "is proposed once: proposing it again returns the first (200). Matching also proposes new "
                    + "achievements to the open demands they fit by itself. Emits ProposalMade.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Propose.class),
                    examples = @ExampleObject(name = "wet-recovery", value = ProposalExamples.PROPOSE_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Proposed.", headers = {
            @Header(name = "Location", description = "The proposal.", schema = @Schema(type = "string")),
            @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier request.",
                    schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProposalView.class),
                    examples = @ExampleObject(name = "proposed", value = ProposalExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Proposed before; the first proposal.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProposalView.class),
            examples = @ExampleObject(name = "proposed", value = ProposalExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not a party, a broker of the league-city nor an operator.")
    @ApiResponse(responseCode = "409", description = "The demand is closed or expired, or the key was reused.")
    ResponseEntity<ProposalView> propose(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = ProposalExamples.DEMAND_ID) @PathVariable String id,
            @Parameter(description = "Your own key for this request.", example = "broker-0412-2026-1130-01")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody Propose request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(id, request),
                ProposalView.class, () -> {
                    var proposed = desk.propose(caller, id, request.achievementId(), request.note());
                    ProposalView view = ProposalView.of(proposed.proposal());
                    return proposed.created()
                            ? ResponseEntity.created(URI.create("/api/v1/matching/proposals/" + view.proposalId()))
                                    .body(view)
                            : ResponseEntity.status(HttpStatus.OK).body(view);
                });
    }

    @GetMapping("/demands/{id}/proposals")
    @Operation(operationId = "listDemandProposals", summary = "Proposals made for a demand since a cursor",
            description = "Oldest first; pass the `next` of a page as `after` to get what came since. For the "
                    + "demand's owner, brokers of its league-city and operators.")
    @ApiResponse(responseCode = "200", description = "The proposals after the cursor.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProposalPage.class),
            examples = @ExampleObject(name = "page", value = ProposalExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not the owner, a broker of the league-city nor an operator.")
    ProposalPage proposals(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = ProposalExamples.DEMAND_ID) @PathVariable String id,
            @Parameter(description = "The `next` of the previous page, or the last proposal seen.",
                    example = ProposalExamples.PROPOSAL_ID)
            @RequestParam(required = false) @Pattern(regexp = "prp-[0-9]{13}-[0-9a-f]{8}",
                    message = "must be a proposal id") String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(ProposalDesk.MAX_PAGE) int limit) {
        List<ProposalView> items = desk.forDemand(caller, id, after, limit).stream().map(ProposalView::of).toList();
        return new ProposalPage(items, items.size() == limit ? items.getLast().proposalId() : null);
    }

    @GetMapping("/proposals/{proposalId}")
    @Operation(operationId = "getProposal", summary = "Read a proposal",
            description = "For the buyer's and the seller's institutions, brokers of the demand's league-city and "
                    + "operators.")
    @ApiResponse(responseCode = "200", description = "The proposal.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProposalView.class),
            examples = @ExampleObject(name = "proposed", value = ProposalExamples.VIEW_EXAMPLE)))
    ProposalView get(CallerIdentity caller,
            @Parameter(description = "The proposal's id.", example = ProposalExamples.PROPOSAL_ID)
            @PathVariable String proposalId) {
        return ProposalView.of(desk.get(caller, proposalId));
    }

    @PutMapping("/proposals/{proposalId}/status")
    @Operation(operationId = "changeProposalStatus", summary = "Move a proposal on",
            description = "Forward only: PROPOSED → CONTACTED → NEGOTIATING → CLOSED_WON or CLOSED_LOST (steps may be "
                    + "skipped); the status it has returns it unchanged. CLOSED_WON is the deal that contract "
                    + "registration and innovation points follow. Emits ProposalStatusChanged.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ChangeStatus.class),
                    examples = @ExampleObject(name = "contacted", value = ProposalExamples.STATUS_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The proposal in its new status.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProposalView.class),
            examples = @ExampleObject(name = "proposed", value = ProposalExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "409", description = "Backwards, from a closed proposal, or changed meanwhile.")
    ProposalView changeStatus(CallerIdentity caller,
            @Parameter(description = "The proposal's id.", example = ProposalExamples.PROPOSAL_ID)
            @PathVariable String proposalId,
            @Valid @RequestBody ChangeStatus request) {
        return ProposalView.of(desk.changeStatus(caller, proposalId, request.status(), request.note()));
    }
}
