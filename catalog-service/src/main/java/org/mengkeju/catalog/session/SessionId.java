package org.mengkeju.catalog.session;

import java.security.SecureRandom;
import java.time.Instant;

/**
 * The catalog's id of a release session, e.g. {@code ses-0193a7b0c2d4-1f2e3d4c}: the creation time in hex
 * milliseconds, then a random part. Ids sort in the order sessions were scheduled, which is what a page cursor needs.
 */
public record SessionId(String value) {

    /** What every session id looks like; a cursor or a path that does not is refused before any read. */
    public static final String PATTERN = "ses-[0-9a-f]{12}-[0-9a-f]{8}";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static SessionId next(Instant now) {
        return new SessionId("ses-%012x-%08x".formatted(now.toEpochMilli(), RANDOM.nextInt()));
    }
}
