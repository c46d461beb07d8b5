package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.Map;

/**
 * An account's balance as of the decisions taken so far, never half a transfer. The stored totals of an account
 * may lag a decided transfer by one write (the amount still sits in pending while the transfer is already
 * POSTING); the transfers the account holds in flight are read with it and counted by their state, so a transfer
 * appears as posted from the moment it was decided, on both of its accounts at once.
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
        long debitsPosted = account.debitsPosted();
        long creditsPosted = account.creditsPosted();
        long debitsPending = account.debitsPending();
        long creditsPending = account.creditsPending();
        long transfers = account.postedTransfers();
        Instant last = account.lastPostedAt();
        for (String id : account.inflight()) {
            Transfer transfer = inflight.get(id);
            if (transfer == null || transfer.state().countsAsPending()) {
                continue; // reserved and undecided: it is pending, as stored
            }
            boolean debit = account.id().equals(transfer.debitAccountId());
            long amount = transfer.amount();
            if (debit) {
                debitsPending -= amount;
            } else {
                creditsPending -= amount;
            }
            // POSTING: decided, not yet moved on this account. POSTED, VOIDING, VOIDED: the hold no longer counts
            // (a POSTED transfer still listed is a stale hold that recovery releases; its amount is posted already).
            if (transfer.state() == TransferState.POSTING) {
                if (debit) {
                    debitsPosted += amount;
                } else {
                    creditsPosted += amount;
                }
                transfers++;
                if (last == null || transfer.postedAt().isAfter(last)) {
                    last = transfer.postedAt();
                }
            }
        }
        return new Balance(account.id(), account.kind(), debitsPosted, creditsPosted, debitsPending, creditsPending,
                transfers, last);
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
