package org.mengkeju.launcher;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.mengkeju.topology.BackendService;

/**
 * Everything the local platform binds a port for: the six services, the Kafka broker (client and controller
 * listeners) and the MongoDB-wire store.
 */
public enum Component {
    // The services, their names and ports come from the one list the gateway and docker-compose.yml agree with.
    CATALOG(BackendService.CATALOG),
    MATCHING(BackendService.MATCHING),
    CONTRACT(BackendService.CONTRACT),
    POINTS(BackendService.POINTS),
    FINANCE(BackendService.FINANCE),
    GATEWAY(BackendService.GATEWAY, BackendService.GATEWAY_PORT, "--gateway-port", null, null),
    KAFKA("kafka", 9092, "--kafka-port", null, null),
    KAFKA_CONTROLLER("kafka-controller", 9093, "--kafka-controller-port", null, null),
    MONGO("mongo", 27017, "--mongo-port", null, null);

    private final String id;
    private final int defaultPort;
    private final String portFlag;
    private final String database;
    private final String gatewayRouteKey;

    Component(BackendService service) {
        this(service.module(), service.defaultPort(), "--" + service.id() + "-port", service.database(), service.id());
    }

    Component(String id, int defaultPort, String portFlag, String database, String gatewayRouteKey) {
        this.id = id;
        this.defaultPort = defaultPort;
        this.portFlag = portFlag;
        this.database = database;
        this.gatewayRouteKey = gatewayRouteKey;
    }

    /** The module name for services ({@code catalog-service}, {@code gateway}), else a short name ({@code kafka}). */
    public String id() {
        return id;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The launcher's command-line flag that overrides this component's port. */
    public String portFlag() {
        return portFlag;
    }

    /** True for the six Spring Boot services started from {@code <module>/target/<module>.jar}. */
    public boolean isService() {
        return this == GATEWAY || database != null;
    }

    /** True for the five services behind the gateway (each with its own database). */
    public boolean isBackendService() {
        return database != null;
    }

    /** The MongoDB database of a backend service; null otherwise. */
    public String database() {
        return database;
    }

    /** The key under {@code mengkeju.gateway.services.*} the gateway routes by; null for non-backend components. */
    public String gatewayRouteKey() {
        return gatewayRouteKey;
    }

    /** The backend services in start order, then the gateway. */
    public static List<Component> services() {
        return List.of(CATALOG, MATCHING, CONTRACT, POINTS, FINANCE, GATEWAY);
    }

    public static Optional<Component> byId(String id) {
        return Arrays.stream(values()).filter(c -> c.id.equals(id)).findFirst();
    }

    /** The component for a module or component id; an {@link IllegalArgumentException} naming the known ones otherwise. */
    public static Component of(String id) {
        return byId(id).orElseThrow(() -> new IllegalArgumentException(
                "unknown component '" + id + "'; known: " + Arrays.stream(values()).map(Component::id).toList()));
    }
}
