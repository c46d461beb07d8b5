package org.mengkeju.finance.fund;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.finance.fund.FundRequests.EstablishFund;
import org.mengkeju.finance.fund.FundRequests.FundView;
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
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of risk-compensation funds: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Risk-compensation funds", description = "风险补偿金: capital backing the cooperating banks' loans up "
        + "to a leverage cap")
@RequestMapping("/api/v1/finance/funds")
class FundController {

    private final FundDesk desk;
    private final IdempotentRequests idempotentRequests;

    FundController(FundDesk desk, IdempotentRequests idempotentRequests) {
        this.desk = desk;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "establishFund", summary = "Set up a risk-compensation fund",
            description = "Operators set up a fund: capital, leverage cap, the cooperating institutions and "
                    + "product types it backs. From then on their disbursed loans are tracked against capital × "
                    + "leverage; a loan that would exceed it is flagged instead of counted.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = EstablishFund.class),
                    examples = @ExampleObject(name = "regional-fund", value = FundExamples.ESTABLISH_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Set up, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new fund.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FundView.class),
                    examples = @ExampleObject(name = "fund", value = FundExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators set up funds.")
    ResponseEntity<FundView> establish(CallerIdentity caller,
            @Parameter(description = "Your own key for this fund: a retry with the same key returns the first "
                    + "result.", example = "rcf-2026-regional")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody EstablishFund request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of("fund", request),
                FundView.class, () -> {
                    RiskCompensationFund fund = desk.establish(caller, request.name(), request.capitalYuan(),
                            request.leverageCap(), request.institutionIds(), request.productTypes());
                    return ResponseEntity.created(URI.create("/api/v1/finance/funds/" + fund.id()))
                            .body(FundView.of(fund));
                });
    }

    @GetMapping("/{fundId}")
    @Operation(operationId = "getFund", summary = "Read a fund against its cap",
            description = "For operators: capacity, the loans counted, the headroom, the leverage used and the "
                    + "loans flagged because they would have exceeded the cap.")
    @ApiResponse(responseCode = "200", description = "The fund.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = FundView.class),
            examples = @ExampleObject(name = "fund", value = FundExamples.VIEW_EXAMPLE)))
    FundView get(CallerIdentity caller,
            @Parameter(description = "The fund's id.", example = FundExamples.EXAMPLE_ID) @PathVariable String fundId) {
        return FundView.of(desk.get(caller, fundId));
    }
}
