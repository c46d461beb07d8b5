package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The HTTP shapes of the ledger API, and the examples its document shows. */
final class LedgerRequests {

    static final String ID_PATTERN = "[A-Za-z0-9._:-]{1,200}";
    static final String ID_MESSAGE = "must be 1 to 200 letters, digits or . _ : -";
    static final String ACCOUNT_PATTERN = "[A-Za-z0-9._:-]{1,64}";
    static final String ACCOUNT_MESSAGE = "must be 1 to 64 letters, digits or . _ : -";

    static final String EXAMPLE_ACCOUNT = "imut";
    static final String EXAMPLE_TRANSFER = "adjustment-2026-0001";
    static final String BALANCE_EXAMPLE = """
            {"accountId":"imut","kind":"INSTITUTION","balance":150,"available":50,"pendingDebits":100,
             "pendingCredits":0,"debitsPosted":0,"creditsPosted":150,"transfers":3,
             "lastPostedAt":"2026-11-22T02:20:04.412Z"}""";
    static final String STATEMENT_EXAMPLE = """
            {"accountId":"imut","items":[{"transferId":"achievement-published:0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
              "points":50,"counterpartyAccountId":"system:points-issued","reason":"ACHIEVEMENT_PUBLISHED",
              "reference":"0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a",
              "sourceEventId":"0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","sourceSubject":"ach-7f3c2a9e41d84b0c",
              "postedAt":"2026-11-22T02:20:04.412Z"}],
             "nextCursor":"MTc2MzcxODAwNDQxMjphY2hpZXZlbWVudC1wdWJsaXNoZWQ"}""";
    static final String OPEN_EXAMPLE = """
            {"accountId":"imut","kind":"INSTITUTION"}""";
    static final String ACCOUNT_EXAMPLE = """
            {"accountId":"imut","kind":"INSTITUTION","ledger":1,"code":100,
             "flags":["DEBITS_MUST_NOT_EXCEED_CREDITS"],"openedAt":"2026-05-18T02:30:01Z"}""";
    static final String ADJUST_EXAMPLE = """
            {"transferId":"adjustment-2026-0001","debitAccountId":"system:points-issued","creditAccountId":"imut",
             "amount":500,"reference":"内科函〔2026〕17号","note":"2025年度科技成果转化绩效补发积分"}""";
    static final String TRANSFER_EXAMPLE = """
            {"transferId":"adjustment-2026-0001","debitAccountId":"system:points-issued","creditAccountId":"imut",
             "amount":500,"reason":"ADJUSTMENT","reference":"内科函〔2026〕17号","twoPhase":false,"state":"POSTED",
             "createdBy":"kjt-ops","createdAt":"2026-11-22T02:20:04.401Z","postedAt":"2026-11-22T02:20:04.412Z",
             "note":"2025年度科技成果转化绩效补发积分"}""";
    static final String REVERSE_EXAMPLE = """
            {"note":"误发：该成果已于2026-11-20撤回"}""";
    static final String CHECK_EXAMPLE = """
            {"checkedAt":"2026-11-22T03:00:00Z","holds":true,"accounts":412,"transfers":18644,
             "totalDebitsPosted":920350,"totalCreditsPosted":920350,"sumOfBalances":0,"violations":[],
             "stuckTransfers":[]}""";

    private LedgerRequests() {
    }

    /** A holder's account to open; institutions' accounts also open by themselves with their first award. */
    record OpenAccount(
            @NotBlank @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE) String accountId,
            @NotNull AccountKind kind) {
    }

    record AccountView(String accountId, AccountKind kind, int ledger, int code, Set<AccountFlag> flags,
            Instant openedAt) {

        static AccountView of(Account a) {
            return new AccountView(a.id(), a.kind(), a.ledger(), a.code(), a.flags(), a.openedAt());
        }
    }

    /** An operator's adjustment; its id is the idempotency key. */
    record PostAdjustment(
            @NotBlank @Pattern(regexp = ID_PATTERN, message = ID_MESSAGE) String transferId,
            @NotBlank @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE) String debitAccountId,
            @NotBlank @Pattern(regexp = ACCOUNT_PATTERN, message = ACCOUNT_MESSAGE) String creditAccountId,
            @NotNull @Positive @Max(TransferRequest.MAX_AMOUNT) Long amount,
            @NotBlank @Size(max = 200) String reference,
            @Size(max = 2000) String note) {
    }

    record Reverse(@Size(max = 2000) String note) {
    }

    /**
     * An account's balance: {@code balance} is what is posted; pending amounts are held by undecided transfers.
     */
    record BalanceView(String accountId, AccountKind kind, long balance, long available, long pendingDebits,
            long pendingCredits, long debitsPosted, long creditsPosted, long transfers, Instant lastPostedAt) {

        static BalanceView of(Balance b) {
            return new BalanceView(b.accountId(), b.kind(), b.posted(), b.available(), b.debitsPending(),
                    b.creditsPending(), b.debitsPosted(), b.creditsPosted(), b.transfers(), b.lastPostedAt());
        }
    }

    /** A posted transfer as one account sees it: positive points came in, negative went out. */
    record StatementEntry(String transferId, long points, String counterpartyAccountId, TransferReason reason,
            String reference, String sourceEventId, String sourceSubject, Instant postedAt) {

        static StatementEntry of(String accountId, Transfer t) {
            boolean credit = accountId.equals(t.creditAccountId());
            return new StatementEntry(t.id(), credit ? t.amount() : -t.amount(),
                    credit ? t.debitAccountId() : t.creditAccountId(), t.reason(), t.reference(), t.sourceEventId(),
                    t.sourceSubject(), t.postedAt());
        }
    }

    record StatementView(String accountId, List<StatementEntry> items, String nextCursor) {
    }

    record TransferView(String transferId, String debitAccountId, String creditAccountId, long amount,
            TransferReason reason, String reference, String sourceEventId, String sourceSubject, boolean twoPhase,
            TransferState state, VoidReason voidReason, String createdBy, Instant createdAt, Instant timeoutAt,
            String decidedBy, String note, Instant postedAt, Instant voidedAt) {

        static TransferView of(Transfer t) {
            return new TransferView(t.id(), t.debitAccountId(), t.creditAccountId(), t.amount(), t.reason(),
                    t.reference(), t.sourceEventId(), t.sourceSubject(), t.twoPhase(), t.state(), t.voidReason(),
                    t.createdBy(), t.createdAt(), t.timeoutAt(), t.decidedBy(), t.note(), t.postedAt(), t.voidedAt());
        }
    }

    record CheckView(Instant checkedAt, boolean holds, long accounts, long transfers, long totalDebitsPosted,
            long totalCreditsPosted, long sumOfBalances, List<String> violations, List<String> stuckTransfers) {

        static CheckView of(LedgerCheck.Report r) {
            return new CheckView(r.checkedAt(), r.holds(), r.accounts(), r.transfers(), r.totalDebitsPosted(),
                    r.totalCreditsPosted(), r.sumOfBalances(), r.violations(), r.stuckTransfers());
        }
    }
}
