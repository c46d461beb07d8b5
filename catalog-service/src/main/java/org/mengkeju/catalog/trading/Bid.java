package org.mengkeju.catalog.trading;

import java.time.Instant;

/**
 * An accepted bid. Only accepted bids are kept: each is higher than the one before it, so the list is the auction's
 * history in order. {@code requestKey} is the bidder's client and Idempotency-Key, so a retried bid is found again
 * instead of being placed twice.
 */
public record Bid(String pseudonym, String institutionId, String clientId, long amountFen, Instant at,
        String requestKey) {
}
