package org.mengkeju.points.ledger;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.points.ledger.LedgerRequests.AccountView;
import org.mengkeju.points.ledger.LedgerRequests.BalanceView;
import org.mengkeju.points.ledger.LedgerRequests.OpenAccount;
import org.mengkeju.points.ledger.LedgerRequests.StatementEntry;
import org.mengkeju.points.ledger.LedgerRequests.StatementView;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of point accounts: translation only; who may read or open which account is the ledger's decision. */
@RestController
@Validated
@Tag(name = "Point accounts", description = "创新积分: innovation-point accounts, balances and statements, worth cash 1:1")
@RequestMapping("/api/v1/points/accounts")
class AccountController {

    private static final String ACCOUNT_DESCRIPTION = "The account: an institution's is named after it. A partner "
            + "reads its own institution's account; an operator reads any.";

    private final PointsLedger ledger;

    AccountController(PointsLedger ledger) {
        this.ledger = ledger;
    }

    @PostMapping
    @Operation(operationId = "openPointAccount", summary = "Open a holder's account",
            description = "Operators open accounts for users and institutions; an institution's account also opens "
                    + "by itself with its first award. Opening an existing account again returns it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = OpenAccount.class),
                    examples = @ExampleObject(name = "imut", value = LedgerRequests.OPEN_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The account, opened now or before.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AccountView.class),
            examples = @ExampleObject(name = "imut", value = LedgerRequests.ACCOUNT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators open accounts.")
    AccountView open(CallerIdentity caller, @Valid @RequestBody OpenAccount request) {
        return AccountView.of(ledger.open(caller, request.accountId(), request.kind()));
    }

    @GetMapping("/{accountId}")
    @Operation(operationId = "getPointBalance", summary = "Read an account's balance",
            description = "`balance` is what is posted; `pendingDebits` are held by undecided transfers such as "
                    + "redemptions awaiting approval, and `available` is what may still be spent. A transfer shows "
                    + "whole or not at all. An account with no transfers yet has balance 0. With `asOf`, the balance "
                    + "posted by that moment, summed from the ledger (pending amounts of the past are not kept).")
    @ApiResponse(responseCode = "200", description = "The balance in whole points.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = BalanceView.class),
            examples = @ExampleObject(name = "imut", value = LedgerRequests.BALANCE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The account is not the caller's institution's.")
    BalanceView balance(CallerIdentity caller, @Parameter(description = ACCOUNT_DESCRIPTION,
            example = LedgerRequests.EXAMPLE_ACCOUNT) @PathVariable String accountId,
            @Parameter(description = "A past moment (UTC, ISO 8601) to read the balance as of.",
                    example = "2026-11-01T00:00:00Z") @RequestParam(required = false) Instant asOf) {
        return BalanceView.of(asOf == null ? ledger.balanceOf(caller, accountId)
                : ledger.balanceAsOf(caller, accountId, asOf));
    }

    @GetMapping("/{accountId}/transfers")
    @Operation(operationId = "listPointTransfers", summary = "Read an account's statement",
            description = "Posted transfers on the account, newest first, a page at a time: pass `nextCursor` as "
                    + "`cursor` for the next page; it is absent on the last.")
    @ApiResponse(responseCode = "200", description = "A page of the statement.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = StatementView.class),
            examples = @ExampleObject(name = "imut", value = LedgerRequests.STATEMENT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The account is not the caller's institution's.")
    StatementView transfers(CallerIdentity caller,
            @Parameter(description = ACCOUNT_DESCRIPTION, example = LedgerRequests.EXAMPLE_ACCOUNT)
            @PathVariable String accountId,
            @Parameter(description = "The `nextCursor` of the previous page.") @RequestParam(required = false)
            String cursor,
            @Parameter(description = "Transfers per page, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(PointsLedger.MAX_PAGE) int limit) {
        var statement = ledger.statementOf(caller, accountId, cursor, limit);
        return new StatementView(accountId, statement.transfers().stream()
                .map(t -> StatementEntry.of(accountId, t)).toList(), statement.nextCursor());
    }
}
