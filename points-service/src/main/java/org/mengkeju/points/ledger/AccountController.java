package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of point accounts: translation only; who may read which account is the ledger's decision. */
@RestController
@Tag(name = "Point accounts", description = "创新积分: innovation-point balances and ledger entries, worth cash 1:1")
@RequestMapping("/api/v1/points/accounts")
class AccountController {

    /** An institution's account, as the examples of the document show it. */
    private static final String EXAMPLE_ACCOUNT = "imut";
    private static final String BALANCE_EXAMPLE = """
            {"accountId":"imut","balance":150,"transfers":3,"lastPostedAt":"2026-11-22T02:20:04.412Z"}""";
    private static final String TRANSFERS_EXAMPLE = """
            [{"id":"achievement-published:0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","points":50,"reason":"ACHIEVEMENT_PUBLISHED",
              "sourceEventId":"0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","sourceSubject":"ach-7f3c2a9e41d84b0c",
              "postedAt":"2026-11-22T02:20:04.412Z"}]""";
    private static final String ACCOUNT_DESCRIPTION = "The account, named after the institution that owns it. A "
            + "partner reads its own institution's account; an operator reads any.";

    private final PointsLedger ledger;

    AccountController(PointsLedger ledger) {
        this.ledger = ledger;
    }

    record TransferView(String id, long points, TransferReason reason, String sourceEventId, String sourceSubject,
            Instant postedAt) {

        static TransferView of(PointTransfer t) {
            return new TransferView(t.id(), t.points(), t.reason(), t.sourceEventId(), t.sourceSubject(),
                    t.postedAt());
        }
    }

    @GetMapping("/{accountId}")
    @Operation(operationId = "getPointBalance", summary = "Read an account's balance",
            description = "An account with no entries yet has balance 0.")
    @ApiResponse(responseCode = "200", description = "The balance in whole points.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AccountBalance.class),
            examples = @ExampleObject(name = "imut", value = BALANCE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The account is not the caller's institution's.")
    AccountBalance balance(CallerIdentity caller,
            @Parameter(description = ACCOUNT_DESCRIPTION, example = EXAMPLE_ACCOUNT) @PathVariable String accountId) {
        return ledger.balanceOf(caller, accountId);
    }

    /** The latest 50 entries, newest first. */
    @GetMapping("/{accountId}/transfers")
    @Operation(operationId = "listPointTransfers", summary = "Read an account's latest ledger entries",
            description = "The latest 50 entries, newest first; an account with none gives an empty list.")
    @ApiResponse(responseCode = "200", description = "Ledger entries, newest first.", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = TransferView.class)),
            examples = @ExampleObject(name = "imut", value = TRANSFERS_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The account is not the caller's institution's.")
    List<TransferView> transfers(CallerIdentity caller,
            @Parameter(description = ACCOUNT_DESCRIPTION, example = EXAMPLE_ACCOUNT) @PathVariable String accountId) {
        return ledger.latestTransfersOf(caller, accountId).stream().map(TransferView::of).toList();
    }
}
