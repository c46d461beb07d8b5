package org.mengkeju.points.ledger;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.points.ledger.LedgerRequests.CheckView;
import org.mengkeju.points.ledger.LedgerRequests.PostAdjustment;
import org.mengkeju.points.ledger.LedgerRequests.Reverse;
import org.mengkeju.points.ledger.LedgerRequests.TransferView;
import org.mengkeju.points.ledger.TransferEngine.Started;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of transfers and the ledger check: translation only. */
@RestController
@Validated
@Tag(name = "Point transfers", description = "Transfers between point accounts: operators' adjustments and "
        + "reversals, and the ledger's invariant check")
class TransferController {

    private static final String TRANSFER_DESCRIPTION = "The transfer's id.";

    private final PointsLedger ledger;

    TransferController(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping("/api/v1/points/transfers")
    @Operation(operationId = "postPointAdjustment", summary = "Post an operator's adjustment",
            description = "Moves points between two existing accounts. `transferId` is the idempotency key: the same "
                    + "id and movement returns the existing transfer, the same id with another movement is a 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PostAdjustment.class),
                    examples = @ExampleObject(name = "back-pay", value = LedgerRequests.ADJUST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Posted now.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TransferView.class),
            examples = @ExampleObject(name = "posted", value = LedgerRequests.TRANSFER_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Posted before under this id: the transfer as it stands.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TransferView.class),
                    examples = @ExampleObject(name = "posted", value = LedgerRequests.TRANSFER_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators post adjustments.")
    ResponseEntity<TransferView> adjust(CallerIdentity caller, @Valid @RequestBody PostAdjustment request) {
        Started started = ledger.adjust(caller, PointsLedger.requestOf(request.transferId(), request.debitAccountId(),
                request.creditAccountId(), request.amount(), TransferReason.ADJUSTMENT, request.reference(), false,
                request.note()));
        return respond(started);
    }

    @GetMapping("/api/v1/points/transfers/{transferId}")
    @Operation(operationId = "getPointTransfer", summary = "Read a transfer",
            description = "Operators read any; an institution the transfers on its own account.")
    @ApiResponse(responseCode = "200", description = "The transfer and how far it got.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TransferView.class),
            examples = @ExampleObject(name = "posted", value = LedgerRequests.TRANSFER_EXAMPLE)))
    TransferView transfer(CallerIdentity caller, @Parameter(description = TRANSFER_DESCRIPTION,
            example = LedgerRequests.EXAMPLE_TRANSFER) @PathVariable String transferId) {
        return TransferView.of(ledger.transfer(caller, transferId));
    }

    @GetMapping("/api/v1/points/references/{reference}/transfers")
    @Operation(operationId = "listPointTransfersForReference", summary = "Read the transfers for a reference",
            description = "Every transfer that names the reference (an event id, a reversed transfer, an operator's "
                    + "file number), oldest first, at most 200: how an award is traced to its event. Operators see "
                    + "all; an institution those on its own account.")
    @ApiResponse(responseCode = "200", description = "The transfers, possibly none.", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = TransferView.class)),
            examples = @ExampleObject(name = "file", value = "[" + LedgerRequests.TRANSFER_EXAMPLE + "]")))
    List<TransferView> forReference(CallerIdentity caller, @Parameter(description = "The reference.",
            example = "内科函〔2026〕17号") @PathVariable String reference) {
        return ledger.transfersFor(caller, reference).stream().map(TransferView::of).toList();
    }

    @PostMapping("/api/v1/points/transfers/{transferId}/reversal")
    @Operation(operationId = "reversePointTransfer", summary = "Reverse a posted transfer",
            description = "Posts the correction: the same amount the other way, as the transfer "
                    + "`reversal:<transferId>`. A transfer is reversed at most once; repeating returns the reversal.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Reverse.class),
                    examples = @ExampleObject(name = "withdrawn", value = LedgerRequests.REVERSE_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "The reversal, posted now.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TransferView.class),
            examples = @ExampleObject(name = "reversal", value = LedgerRequests.TRANSFER_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Reversed before: the reversal as it stands.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TransferView.class),
            examples = @ExampleObject(name = "reversal", value = LedgerRequests.TRANSFER_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators reverse transfers.")
    ResponseEntity<TransferView> reverse(CallerIdentity caller, @Parameter(description = TRANSFER_DESCRIPTION,
            example = LedgerRequests.EXAMPLE_TRANSFER) @PathVariable String transferId,
            @Valid @RequestBody Reverse request) {
        return respond(ledger.reverse(caller, transferId, request.note()));
    }

    @GetMapping("/api/v1/points/ledger/check")
    @Operation(operationId = "checkPointLedger", summary = "Verify the ledger's invariants",
            description = "Every transfer balanced, every account's totals equal to the sums of its transfers, total "
                    + "debits equal to total credits (the balances sum to zero), nothing stuck past its lease or "
                    + "timeout. Scans the whole ledger; the metric mengkeju_points_ledger_violations carries the "
                    + "latest result.")
    @ApiResponse(responseCode = "200", description = "What the check found; `holds` is false when anything broke.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckView.class),
                    examples = @ExampleObject(name = "sound", value = LedgerRequests.CHECK_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators run the ledger check.")
    CheckView check(CallerIdentity caller) {
        return CheckView.of(ledger.check(caller));
    }

    private static ResponseEntity<TransferView> respond(Started started) {
        TransferView view = TransferView.of(started.transfer());
        return started.created()
                ? ResponseEntity.created(URI.create("/api/v1/points/transfers/" + view.transferId())).body(view)
                : ResponseEntity.status(HttpStatus.OK).body(view);
    }
}
