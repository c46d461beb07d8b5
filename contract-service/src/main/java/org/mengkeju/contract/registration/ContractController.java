package org.mengkeju.contract.registration;

import java.net.URI;
import java.time.LocalDate;
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
import org.mengkeju.contract.registration.ContractRequests.AmendmentInput;
import org.mengkeju.contract.registration.ContractRequests.ContractPage;
import org.mengkeju.contract.registration.ContractRequests.ContractView;
import org.mengkeju.contract.registration.ContractRequests.DecisionInput;
import org.mengkeju.contract.registration.ContractRequests.SubmitContract;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the registration desk: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Contracts", description = "技术合同认定登记: technology contracts submitted by the seller side, reviewed "
        + "and registered by the registration institutions of the seller's region")
@RequestMapping("/api/v1/contract/contracts")
class ContractController {

    private final RegistrationDesk desk;
    private final IdempotentRequests idempotentRequests;

    ContractController(RegistrationDesk desk, IdempotentRequests idempotentRequests) {
        this.desk = desk;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "submitContract", summary = "Submit a technology contract for registration",
            description = "The seller side applies: a partner for a contract whose seller is its institution, or a "
                    + "registration institution of the seller's region keying in a paper application. The service "
                    + "computes the technology transaction amount (技术交易额) as the contract amount less the "
                    + "non-technical costs; a client never states it. The achievements are checked against the "
                    + "catalog; when it cannot be asked, the contract is accepted with `achievementCheck` PENDING "
                    + "and checked again by the service. The seller side applies once: the same contract (seller, "
                    + "buyer, signing day, title) submitted again is a 409 `already-submitted`, unless it corrects a "
                    + "returned one named in `correctsContractId`; so is a second contract for the same `dealId`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = SubmitContract.class),
                    examples = @ExampleObject(name = "corn-husk-feed-licence",
                            value = ContractExamples.SUBMIT_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Submitted, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new contract.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier submission.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContractView.class),
                    examples = @ExampleObject(name = "registered", value = ContractExamples.CONTRACT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller is not the seller side of the contract.")
    @ApiResponse(responseCode = "409", description = "The contract was already submitted, or the Idempotency-Key "
            + "was used for another request.")
    ResponseEntity<ContractView> submit(CallerIdentity caller,
            @Parameter(description = "Your own key for this submission: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "imut-ctr-2026-0042")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody SubmitContract request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                ContractView.class, () -> {
                    Contract contract = desk.submit(caller, idempotencyKey, request.terms(),
                            request.correctsContractId(), request.dealId()).contract();
                    return ResponseEntity.created(URI.create("/api/v1/contract/contracts/" + contract.id()))
                            .body(ContractView.of(contract, desk.today()));
                });
    }

    @GetMapping
    @Operation(operationId = "listContracts", summary = "Page through contracts: a work queue or a party's own",
            description = "A registration institution sees the contracts of its league-city, a partner or broker "
                    + "those its institution is a party to, the platform's operators all. In id order; pass the "
                    + "`next` of a page as `after`. `overdue=true` lists the reviews past their deadline (working "
                    + "days; not while documents are awaited).")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ContractPage.class),
            examples = @ExampleObject(name = "page", value = ContractExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller's role does not list contracts.")
    ContractPage list(CallerIdentity caller,
            @Parameter(description = "Only this status.", example = "UNDER_REVIEW")
            @RequestParam(required = false) ContractStatus status,
            @Parameter(description = "Only reviews past their deadline.", example = "true")
            @RequestParam(defaultValue = "false") boolean overdue,
            @Parameter(description = "The `next` of the previous page.", example = ContractExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = "^ctr-[0-9a-f]{16}$",
                    message = "must be a contract id") String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(RegistrationDesk.MAX_PAGE) int limit) {
        LocalDate today = desk.today();
        List<ContractView> items = desk.list(caller, status, overdue, after, limit).stream()
                .map(c -> ContractView.of(c, today)).toList();
        return new ContractPage(items, items.size() == limit ? items.getLast().id() : null);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getContract", summary = "Read a contract and where its registration stands",
            description = "Visible to its parties, to the registration institutions of the seller's region and to "
                    + "the platform's operators.")
    @ApiResponse(responseCode = "200", description = "The contract.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ContractView.class),
            examples = @ExampleObject(name = "registered", value = ContractExamples.CONTRACT_EXAMPLE)))
    ContractView get(CallerIdentity caller,
            @Parameter(description = "The contract's id.", example = ContractExamples.EXAMPLE_ID)
            @PathVariable String id) {
        return ContractView.of(desk.get(caller, id), desk.today());
    }

    @PostMapping("/{id}/decisions")
    @Operation(operationId = "decideOnContract", summary = "Decide on a contract under registration",
            description = "A registration institution of the seller's region: `ACCEPT_FOR_REVIEW` (受理), `RETURN` "
                    + "for correction or `REFUSE` (不予登记) with one or more coded `reasons` (OTHER needs a `note`), "
                    + "`RECORD_EXPERT_REVIEW` when the technology transaction amount is at or above the threshold, "
                    + "and `REGISTER`, which issues the registration number (a submitted contract is then taken "
                    + "up and registered in one step).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = DecisionInput.class),
                    examples = {
                            @ExampleObject(name = "register", value = ContractExamples.REGISTER_EXAMPLE),
                            @ExampleObject(name = "accept", value = ContractExamples.DECISION_EXAMPLE),
                            @ExampleObject(name = "refuse", value = ContractExamples.REFUSE_EXAMPLE)})))
    @ApiResponse(responseCode = "200", description = "The contract after the decision.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ContractView.class),
            examples = @ExampleObject(name = "registered", value = ContractExamples.CONTRACT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller is not a registration institution of the "
            + "contract's region, or another institution reviews it.")
    @ApiResponse(responseCode = "409", description = "The contract's status does not allow the decision, its "
            + "achievements are not verified yet, or its expert review is missing.")
    ContractView decide(CallerIdentity caller,
            @Parameter(description = "The contract's id.", example = ContractExamples.EXAMPLE_ID)
            @PathVariable String id,
            @Valid @RequestBody DecisionInput request) {
        return ContractView.of(desk.decide(caller, id, request.toDecision()), desk.today());
    }

    @PostMapping("/{id}/amendments")
    @Operation(operationId = "amendRegistration", summary = "Change, cancel or revoke a registration",
            description = "The registration institution that registered the contract records a change (变更: new "
                    + "amounts with their payment schedule, or a new end of the validity period; the technology "
                    + "transaction amount is computed again), a cancellation (注销) or a revocation (撤销), each with "
                    + "its reason. Emits ContractRegistrationChanged; points and post-subsidies follow it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = AmendmentInput.class),
                    examples = {
                            @ExampleObject(name = "extend-term", value = ContractExamples.CHANGE_EXAMPLE),
                            @ExampleObject(name = "cancel", value = ContractExamples.CANCEL_EXAMPLE)})))
    @ApiResponse(responseCode = "200", description = "The contract after the change.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ContractView.class),
            examples = @ExampleObject(name = "registered", value = ContractExamples.CONTRACT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the registration institution that registered it.")
    @ApiResponse(responseCode = "409", description = "The contract is not registered (or no longer).")
    ContractView amend(CallerIdentity caller,
            @Parameter(description = "The contract's id.", example = ContractExamples.EXAMPLE_ID)
            @PathVariable String id,
            @Valid @RequestBody AmendmentInput request) {
        return ContractView.of(desk.amend(caller, id, request.kind(), request.reason(), request.changes()),
                desk.today());
    }
}
