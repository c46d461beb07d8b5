package org.mengkeju.gateway.routing;

import java.util.Arrays;
import java.util.Optional;

import org.mengkeju.topology.BackendService;

/**
 * The services behind the gateway, one per {@link BackendService}. The key is the service's one name: the first
 * path segment after {@code /api/v1/}, the name of its {@code mengkeju.gateway.services.*} property, its circuit
 * breaker and its OpenAPI document under {@code /api-docs/}.
 */
public enum Downstream {

    CATALOG(BackendService.CATALOG),
    MATCHING(BackendService.MATCHING),
    CONTRACT(BackendService.CONTRACT),
    POINTS(BackendService.POINTS),
    FINANCE(BackendService.FINANCE);

    private final BackendService service;

    Downstream(BackendService service) {
        this.service = service;
    }

    public BackendService service() {
        return service;
    }

    public String key() {
        return service.id();
    }

    public String serviceName() {
        return service.module();
    }

    /** The paths routed to the service; forwarded unchanged. */
    public String pathPattern() {
        return service.apiArea() + "/**";
    }

    public static Optional<Downstream> byKey(String key) {
        return Arrays.stream(values()).filter(downstream -> downstream.key().equals(key)).findFirst();
    }

    public static Downstream of(BackendService service) {
        return valueOf(service.name());
    }
}
