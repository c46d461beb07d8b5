package org.mengkeju.points.ledger;

import java.time.Instant;

/**
 * An innovation-point account (积分账户) as read from its ledger entries.
 *
 * @param accountId    the account, named after the institution that owns it
 * @param balance      whole points; worth the same number of yuan
 * @param transfers    ledger entries on the account
 * @param lastPostedAt the latest entry, or null for an account with none
 */
public record AccountBalance(String accountId, long balance, long transfers, Instant lastPostedAt) {
}
