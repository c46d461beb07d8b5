package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An account's balance as of the decisions taken so far, never half a transfer. The stored totals of an account
 * may lag a decided transfer: a held amount still sits in pending while the transfer is already POSTING, and a side
 * that is booked later (see {@link Transfer}) is not in the totals at all until {@link AccountBooking} adds it. The
 * transfers the account holds in flight and those not yet booked on it are read with it and counted by their state,
 * so a transfer appears as posted from the moment it was decided, on both of its accounts at once.
 *
 * @param accountId      the account
 * @param kind           who holds it
 * @param debitsPosted   points posted out of the account
 * @param creditsPosted  points posted into the account
 * @param debitsPending  points held for pending debits (e.g. a redemption awaiting approval)
 * @param creditsPending points held for pending credits
 * @param transfers      posted transfers on the account
 * @param lastPostedAt   when the latest posted transfer was posted, or null
 */
public record Balance(String accountId, AccountKind kind, long debitsPosted, long creditsPosted, long debitsPending,
        long creditsPending, long transfers, Instant lastPostedAt) {

    /** The stored totals corrected by the states of the transfers the account holds in flight. */
    static Balance of(Account account, Map<String, Transfer> inflight) {
        return of(account, inflight, List.of());
    }

    /**
     * The stored totals corrected by the transfers the account holds in flight and by {@code unbooked}, the
     * transfers that list the account as not booked yet, read after the account: one the account's latest booking
     * already added ({@link Account#booked()}) is not added again.
     */
    static Balance of(Account account, Map<String, Transfer> inflight, List<Transfer> unbooked) {
        Totals totals = new Totals(account);
        for (String id : account.inflight()) {
            Transfer transfer = inflight.get(id);
            if (transfer == null || transfer.state().countsAsPending()) {
                continue; // reserved and undecided: it is pending, as stored
            }
            // POSTING: decided, not yet moved on this account. POSTED, VOIDING, VOIDED: the hold no longer counts
            // (a POSTED transfer still listed is a stale hold that recovery releases; its amount is posted already).
            totals.pending(transfer, -1);
            if (transfer.state() == TransferState.POSTING) {
                totals.posted(transfer);
            }
        }
        for (Transfer transfer : unbooked) {
            if (!transfer.unbookedOn(account.id()) || account.booked().contains(transfer.id())) {
                continue;
            }
            if (transfer.state().countsAsPending()) {
                totals.pending(transfer, 1);
            } else if (transfer.state().countsAsPosted()) {
                totals.posted(transfer);
            }
        }
        return new Balance(account.id(), account.kind(), totals.debitsPosted, totals.creditsPosted,
                totals.debitsPending, totals.creditsPending, totals.transfers, totals.last);
    }

    /** The stored totals of one account as the transfers read with it correct them. */
    private static final class Totals {

        private final String accountId;
        private long debitsPosted;
        private long creditsPosted;
        private long debitsPending;
        private long creditsPending;
        private long transfers;
        private Instant last;

        Totals(Account account) {
            accountId = account.id();
            debitsPosted = account.debitsPosted();
            creditsPosted = account.creditsPosted();
            debitsPending = account.debitsPending();
            creditsPending = account.creditsPending();
            transfers = account.postedTransfers();
            last = account.lastPostedAt();
        }

        void pending(Transfer transfer, int sign) {
            if (accountId.equals(transfer.debitAccountId())) {
                debitsPending += sign * transfer.amount();
            } else {
                creditsPending += sign * transfer.amount();
            }
        }

        void posted(Transfer transfer) {
            if (accountId.equals(transfer.debitAccountId())) {
                debitsPosted += transfer.amount();
            } else {
                creditsPosted += transfer.amount();
            }
            transfers++;
            if (last == null || transfer.postedAt().isAfter(last)) {
                last = transfer.postedAt();
            }
        }
    }

    /** Posted credits less posted debits: what the holder owns. 1 point = 1 yuan. */
    public long posted() {
        return creditsPosted - debitsPosted;
    }

    /** What the holder may still spend or redeem: posted less what pending debits hold. */
    public long available() {
        return posted() - debitsPending;
    }
}
