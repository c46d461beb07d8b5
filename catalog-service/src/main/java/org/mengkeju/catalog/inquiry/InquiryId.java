package org.mengkeju.catalog.inquiry;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The catalog's id of a price inquiry, e.g. {@code inq-0193a7c2e4f1-5b8d09aa}: the time it was asked in hex
 * milliseconds, then a random part, so ids sort in the order inquiries came in and serve as page cursors.
 */
public record InquiryId(String value) {

    /** What every inquiry id looks like; a cursor or a path that does not is refused before any read. */
    public static final String PATTERN = "inq-[0-9a-f]{12}-[0-9a-f]{8}";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static InquiryId next(Instant now) {
        return new InquiryId("inq-%012x-%08x".formatted(now.toEpochMilli(), RANDOM.nextInt()));
    }
}
