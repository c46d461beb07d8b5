package org.mengkeju.gateway.routing;

import java.util.Arrays;
import java.util.Optional;

/**
 * The services behind the gateway. The key is both the first path segment after {@code /api/v1/} and the name
 * of its {@code mengkeju.gateway.services.*} property.
 */
public enum Downstream {

    /** Achievements (科技成果), institutions, inquiries, release sessions. */
    CATALOG("catalog", "catalog-service"),
    /** Demands (技术需求), challenge lists (揭榜挂帅), match proposals. */
    MATCHING("matching", "matching-service"),
    /** Technology contracts and their registration (认定登记). */
    CONTRACTS("contracts", "contract-service"),
    /** Innovation-point accounts, transfers, redemptions. */
    POINTS("points", "points-service"),
    /** Financing products, leads, applications, disbursements. */
    FINANCE("finance", "finance-service");

    private final String key;
    private final String serviceName;

    Downstream(String key, String serviceName) {
        this.key = key;
        this.serviceName = serviceName;
    }

    public String key() {
        return key;
    }

    public String serviceName() {
        return serviceName;
    }

    /** The paths routed to the service; forwarded unchanged. */
    public String pathPattern() {
        return "/api/v1/" + key + "/**";
    }

    public static Optional<Downstream> byKey(String key) {
        return Arrays.stream(values()).filter(service -> service.key.equals(key)).findFirst();
    }
}
