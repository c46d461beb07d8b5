package org.mengkeju.points.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Transfers in a given state for tests of other features, built the way the engine builds them. */
public final class TestTransfers {

    private TestTransfers() {
    }

    /** A two-phase transfer whose amount the debited holder holds, waiting for a decision. */
    public static Transfer pending(String id, String debit, String credit, long amount, TransferReason reason) {
        Instant now = Instant.parse("2026-11-20T02:15:00Z");
        Transfer transfer = Transfer.begin(new TransferRequest(id, debit, credit, amount, reason, "test", null, null,
                true, null), "imut-tto", now, now.plus(Duration.ofDays(14)), now.plusSeconds(30),
                SystemAccount.isSystem(debit) ? List.of() : List.of(debit));
        if (transfer.state() == TransferState.RESERVING) {
            transfer.reserved(now, now.plusSeconds(30));
        }
        return transfer;
    }
}
