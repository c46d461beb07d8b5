package org.mengkeju.catalog.trading;

import java.security.SecureRandom;
import java.time.Instant;

/** A lot's id: the time it was listed and a random part, so ids sort roughly in the order lots were listed. */
public record LotId(String value) {

    /** What every lot id looks like; a path or a cursor that does not is refused before any read. */
    public static final String PATTERN = "lot-[0-9a-f]{12}-[0-9a-f]{8}";

    private static final SecureRandom RANDOM = new SecureRandom();

    public static LotId next(Instant now) {
        return new LotId("lot-%012x-%08x".formatted(now.toEpochMilli(), RANDOM.nextInt()));
    }
}
