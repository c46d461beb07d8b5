package org.mengkeju.finance.lead;

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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.finance.lead.LeadRequests.Apply;
import org.mengkeju.finance.lead.LeadRequests.LeadFeed;
import org.mengkeju.finance.lead.LeadRequests.LeadView;
import org.mengkeju.finance.lead.LeadRequests.ReportOutcome;
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

/** HTTP adapter of leads: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Leads", description = "融资线索: enterprises that qualify for or apply to a product, pulled by the "
        + "product's institution, with the outcomes it reports")
@RequestMapping("/api/v1/finance")
class LeadController {

    private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,100}";
    private static final String KEY_MESSAGE = "must be 1 to 100 letters, digits or . _ : -";

    private final LeadDesk desk;
    private final IdempotentRequests idempotentRequests;

    LeadController(LeadDesk desk, IdempotentRequests idempotentRequests) {
        this.desk = desk;
        this.idempotentRequests = idempotentRequests;
    }

    @GetMapping("/leads")
    @Operation(operationId = "pullLeads", summary = "Pull your new and changed leads",
            description = "For a finance institution: the leads of its own products that were opened or changed "
                    + "since the cursor, in the order of the changes, each with its reasons and the product version "
                    + "it qualified under. A lead whose enterprise withdrew its consent comes once more with "
                    + "`removed: true` and nothing about the enterprise: drop it. Start without `after`; keep the "
                    + "`next` you get and send it as `after`. This feed is the source of truth.")
    @ApiResponse(responseCode = "200", description = "A page of the feed.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LeadFeed.class),
            examples = @ExampleObject(name = "feed", value = LeadExamples.FEED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only finance institutions pull leads.")
    LeadFeed pull(CallerIdentity caller,
            @Parameter(description = "The `next` of the previous page; absent for the start.", example = "bGYxOjQy")
            @RequestParam(required = false) @Pattern(regexp = "[A-Za-z0-9_-]{1,40}", message = "must be a cursor")
            String after,
            @Parameter(description = "Page size, 1 to 1000.", example = "500")
            @RequestParam(defaultValue = "500") @Min(1) @Max(LeadDesk.MAX_PAGE) int limit) {
        return LeadFeed.of(desk.feed(caller, after, limit));
    }

    @PostMapping("/products/{productId}/applications")
    @Operation(operationId = "applyForProduct", summary = "Apply for a financing product",
            description = "An enterprise (a partner client acting for it) applies directly. Applying shares its "
                    + "profile with the product's institution: consent is recorded if not yet given. The lead is "
                    + "opened with the reasons the profile satisfies (possibly none); a lead that exists is marked "
                    + "applied. Emits LeadStatusChanged (APPLIED).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Apply.class),
                    examples = @ExampleObject(name = "three-million", value = LeadExamples.APPLY_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "The lead, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The lead.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LeadView.class),
                    examples = @ExampleObject(name = "applied", value = LeadExamples.LEAD_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only enterprises apply.")
    ResponseEntity<LeadView> apply(CallerIdentity caller,
            @Parameter(description = "The product's id.", example = LeadExamples.EXAMPLE_PRODUCT)
            @PathVariable String productId,
            @Parameter(description = "Your own key for this application: a retry with the same key returns the "
                    + "first result.", example = "btre-sulfide-2026-11")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody Apply request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of("apply", productId, request), LeadView.class, () -> {
                    Lead lead = desk.apply(caller, productId, request.requestedAmountYuan());
                    return ResponseEntity.created(URI.create(leadPath(productId, lead.id())))
                            .body(LeadView.of(lead));
                });
    }

    @GetMapping("/products/{productId}/leads/{leadId}")
    @Operation(operationId = "getLead", summary = "Read a lead",
            description = "For the institution that owns the product (until the enterprise withdraws its consent), "
                    + "the enterprise itself and operators; a 404 for anyone else.")
    @ApiResponse(responseCode = "200", description = "The lead.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "lead", value = LeadExamples.LEAD_EXAMPLE)))
    LeadView get(CallerIdentity caller,
            @Parameter(description = "The product's id.", example = LeadExamples.EXAMPLE_PRODUCT)
            @PathVariable String productId,
            @Parameter(description = "The lead's id.", example = LeadExamples.EXAMPLE_ID)
            @PathVariable String leadId) {
        return LeadView.of(desk.get(caller, productId, leadId));
    }

    @PostMapping("/products/{productId}/leads/{leadId}/outcomes")
    @Operation(operationId = "reportLeadOutcome", summary = "Report an outcome of a lead",
            description = "The institution that owns the product reports CONTACTED, APPROVED (amount, date), "
                    + "REJECTED (reason) or DISBURSED (amount, date). An amount above the product's maximum (of the "
                    + "version the lead is under) or a date in the future is a 400; a disbursement before an "
                    + "approval is a 409 `not-approved`. Emits LeadStatusChanged.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ReportOutcome.class),
                    examples = @ExampleObject(name = "contacted", value = LeadExamples.OUTCOME_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The lead with the outcome.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LeadView.class),
            examples = @ExampleObject(name = "lead", value = LeadExamples.LEAD_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the institution that owns the product reports.")
    ResponseEntity<LeadView> report(CallerIdentity caller,
            @Parameter(description = "The product's id.", example = LeadExamples.EXAMPLE_PRODUCT)
            @PathVariable String productId,
            @Parameter(description = "The lead's id.", example = LeadExamples.EXAMPLE_ID)
            @PathVariable String leadId,
            @Parameter(description = "Your own key for this report: a retry with the same key returns the first "
                    + "result.", example = "boimc-ld-4f1c-contacted")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody ReportOutcome request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of("outcome", productId, leadId, request), LeadView.class,
                () -> ResponseEntity.ok(LeadView.of(desk.report(caller, productId, leadId, request.outcome(),
                        request.amountYuan(), request.date(), request.reason()))));
    }

    private static String leadPath(String productId, String leadId) {
        return "/api/v1/finance/products/" + productId + "/leads/" + leadId;
    }
}
