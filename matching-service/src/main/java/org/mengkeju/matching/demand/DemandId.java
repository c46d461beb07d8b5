package org.mengkeju.matching.demand;

import java.util.UUID;

/** matching-service's id of a demand, e.g. {@code dem-4b1e0c9a7d2f4e81}. */
public record DemandId(String value) {

    public static DemandId next() {
        return new DemandId("dem-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }
}
