package org.mengkeju.points.redemption;

import java.time.Instant;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.mengkeju.points.ledger.Transfer;
import org.mengkeju.points.ledger.TransferRequest;

/** The HTTP shapes of the redemptions API, and the examples its document shows. */
final class RedemptionRequests {

    static final String EXAMPLE_ID = "redemption-5b0d3c1e-8f2a-3c4d-9e1f-2a3b4c5d6e7f";
    static final String REQUEST_EXAMPLE = """
            {"accountId":"imut","points":100,"note":"2026年第三季度积分兑换"}""";
    static final String PENDING_EXAMPLE = """
            {"redemptionId":"redemption-5b0d3c1e-8f2a-3c4d-9e1f-2a3b4c5d6e7f","accountId":"imut","points":100,
             "status":"PENDING","requestedBy":"imut-tto","requestedAt":"2026-11-20T02:15:00Z",
             "expiresAt":"2026-12-04T02:15:00Z","note":"2026年第三季度积分兑换"}""";
    static final String DECISION_EXAMPLE = """
            {"decision":"REFUSE","note":"开户名称与机构不符，请更正后重新申请"}""";
    static final String REFUSED_EXAMPLE = """
            {"redemptionId":"redemption-5b0d3c1e-8f2a-3c4d-9e1f-2a3b4c5d6e7f","accountId":"imut","points":100,
             "status":"REFUSED","requestedBy":"imut-tto","requestedAt":"2026-11-20T02:15:00Z",
             "expiresAt":"2026-12-04T02:15:00Z","decidedBy":"kjt-ops","decidedAt":"2026-11-21T08:40:12Z",
             "note":"开户名称与机构不符，请更正后重新申请"}""";

    private RedemptionRequests() {
    }

    /** Points to redeem for cash, 1 point = 1 yuan. */
    record RequestRedemption(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,64}", message = "must be 1 to 64 letters, digits or . _ : -")
            String accountId,
            @NotNull @Positive @Max(TransferRequest.MAX_AMOUNT) Long points,
            @Size(max = 2000) String note) {
    }

    enum Decision {
        APPROVE, REFUSE
    }

    record Decide(@NotNull Decision decision, @Size(max = 2000) String note) {
    }

    record RedemptionView(String redemptionId, String accountId, long points, RedemptionStatus status,
            String requestedBy, Instant requestedAt, Instant expiresAt, String decidedBy, Instant decidedAt,
            String note) {

        static RedemptionView of(Transfer t) {
            Instant decidedAt = t.voidedAt() != null ? t.voidedAt() : t.postedAt();
            return new RedemptionView(t.id(), t.debitAccountId(), t.amount(), RedemptionStatus.of(t), t.createdBy(),
                    t.createdAt(), t.timeoutAt(), t.decidedBy(), decidedAt, t.note());
        }
    }
}
