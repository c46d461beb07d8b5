package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of point accounts: translation only; who may read which account is the ledger's decision. */
@RestController
@RequestMapping("/api/v1/points/accounts")
class AccountController {

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
    AccountBalance balance(CallerIdentity caller, @PathVariable String accountId) {
        return ledger.balanceOf(caller, accountId);
    }

    /** The latest 50 entries, newest first. */
    @GetMapping("/{accountId}/transfers")
    List<TransferView> transfers(CallerIdentity caller, @PathVariable String accountId) {
        return ledger.latestTransfersOf(caller, accountId).stream().map(TransferView::of).toList();
    }
}
