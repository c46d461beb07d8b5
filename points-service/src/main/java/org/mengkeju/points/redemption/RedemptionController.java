package org.mengkeju.points.redemption;

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
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.mengkeju.points.redemption.RedemptionRequests.Decide;
import org.mengkeju.points.redemption.RedemptionRequests.Decision;
import org.mengkeju.points.redemption.RedemptionRequests.RedemptionView;
import org.mengkeju.points.redemption.RedemptionRequests.RequestRedemption;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of redemptions: translation only; who may ask, see and decide is {@link Redemptions}' decision. */
@RestController
@Validated
@Tag(name = "Redemptions", description = "积分兑换: innovation points redeemed for cash 1:1, held until an operator "
        + "approves or refuses")
@RequestMapping("/api/v1/points/redemptions")
class RedemptionController {

    private static final String ID_DESCRIPTION = "The redemption's id, as its request returned it.";

    private final Redemptions redemptions;
    private final IdempotentRequests idempotentRequests;

    RedemptionController(Redemptions redemptions, IdempotentRequests idempotentRequests) {
        this.redemptions = redemptions;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "requestRedemption", summary = "Ask to redeem points for cash",
            description = "Holds the points until an operator decides (or the hold expires). A partner redeems its "
                    + "own institution's points; an operator may file a request for a holder.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RequestRedemption.class),
                    examples = @ExampleObject(name = "quarterly", value = RedemptionRequests.REQUEST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "The points are held, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The redemption.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier request.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RedemptionView.class),
                    examples = @ExampleObject(name = "pending", value = RedemptionRequests.PENDING_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The account is not the caller's institution's.")
    ResponseEntity<RedemptionView> request(CallerIdentity caller,
            @Parameter(description = "Your own key for this request: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "imut-redeem-2026-q3")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody RequestRedemption request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                RedemptionView.class, () -> {
                    var requested = redemptions.request(caller, idempotencyKey, request.accountId(),
                            request.points(), request.note());
                    RedemptionView view = RedemptionView.of(requested.redemption());
                    return ResponseEntity.created(URI.create("/api/v1/points/redemptions/" + view.redemptionId()))
                            .body(view);
                });
    }

    @GetMapping("/{redemptionId}")
    @Operation(operationId = "getRedemption", summary = "Read a redemption",
            description = "The holder's institution and operators see it; to anyone else it does not exist.")
    @ApiResponse(responseCode = "200", description = "The redemption and where it stands.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RedemptionView.class),
            examples = @ExampleObject(name = "pending", value = RedemptionRequests.PENDING_EXAMPLE)))
    RedemptionView get(CallerIdentity caller, @Parameter(description = ID_DESCRIPTION,
            example = RedemptionRequests.EXAMPLE_ID) @PathVariable String redemptionId) {
        return RedemptionView.of(redemptions.get(caller, redemptionId));
    }

    @PatchMapping("/{redemptionId}")
    @Operation(operationId = "decideRedemption", summary = "Approve or refuse a redemption",
            description = "APPROVE posts the held points as redeemed (the holder is owed the same number of yuan); "
                    + "REFUSE releases them. Repeating a decision returns the redemption unchanged; the other "
                    + "decision after one is a 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Decide.class),
                    examples = @ExampleObject(name = "refuse", value = RedemptionRequests.DECISION_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The redemption as decided.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RedemptionView.class),
            examples = @ExampleObject(name = "refused", value = RedemptionRequests.REFUSED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators decide redemptions.")
    RedemptionView decide(CallerIdentity caller, @Parameter(description = ID_DESCRIPTION,
            example = RedemptionRequests.EXAMPLE_ID) @PathVariable String redemptionId,
            @Valid @RequestBody Decide request) {
        return RedemptionView.of(redemptions.decide(caller, redemptionId, request.decision() == Decision.APPROVE,
                request.note()));
    }
}
