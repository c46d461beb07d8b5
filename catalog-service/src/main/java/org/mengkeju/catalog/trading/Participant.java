package org.mengkeju.catalog.trading;

import java.time.Instant;

/**
 * A buyer registered on a lot (报名): its institution, the client that registered it, the pseudonym other bidders
 * know it by, and its deposit (保证金): recorded as paid by an operator, later released unless it wins.
 */
public record Participant(
        String institutionId,
        String clientId,
        String pseudonym,
        Instant registeredAt,
        Instant depositPaidAt,
        String depositReference,
        String depositRecordedBy,
        Instant depositReleasedAt) {

    /** A qualified buyer: registered and its deposit paid. */
    boolean isQualified() {
        return depositPaidAt != null;
    }

    Participant paid(String reference, String recordedBy, Instant at) {
        return new Participant(institutionId, clientId, pseudonym, registeredAt, at, reference, recordedBy, null);
    }

    Participant released(Instant at) {
        return new Participant(institutionId, clientId, pseudonym, registeredAt, depositPaidAt, depositReference,
                depositRecordedBy, at);
    }
}
