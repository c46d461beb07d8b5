package org.mengkeju.topology;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The services behind the gateway, under one name each. Everything else is derived from that name, so the
 * gateway's routes and properties, the launcher, the Maven modules, the databases and docker-compose.yml cannot
 * drift apart: {@code contract} is the module {@code contract-service}, the database {@code contract}, the API area
 * {@code /api/v1/contract}, the gateway property {@code mengkeju.gateway.services.contract} and the compose service
 * {@code contract-service}.
 */
public enum BackendService {

    /** Achievements (科技成果), institutions, inquiries, release sessions, sub-center sync. */
    CATALOG("catalog", 8081),
    /** Demands (技术需求), challenge lists (揭榜挂帅), match proposals. */
    MATCHING("matching", 8082),
    /** Technology contracts and their registration (认定登记). */
    CONTRACT("contract", 8083),
    /** Innovation-point (创新积分) accounts, transfers, redemptions. */
    POINTS("points", 8084),
    /** Financing products, leads, applications, disbursements. */
    FINANCE("finance", 8085);

    /** The gateway's module name and its port, the one port published to callers. */
    public static final String GATEWAY = "gateway";
    public static final int GATEWAY_PORT = 8080;

    private static final String API_VERSION_PATH = "/api/v1/";

    private final String id;
    private final int defaultPort;

    BackendService(String id, int defaultPort) {
        this.id = id;
        this.defaultPort = defaultPort;
    }

    /** The service's one name: {@code catalog}, {@code contract}. */
    public String id() {
        return id;
    }

    /** The Maven module, jar, application name and compose service: {@code catalog-service}. */
    public String module() {
        return id + "-service";
    }

    /** The port the service listens on when nothing else is configured. */
    public int defaultPort() {
        return defaultPort;
    }

    /** The service's own MongoDB database. */
    public String database() {
        return id;
    }

    /** The first path segments of every API the service serves, routed to it by the gateway: {@code /api/v1/catalog}. */
    public String apiArea() {
        return API_VERSION_PATH + id;
    }

    /** The Java package the service's classes live in; no other service may use them. */
    public String basePackage() {
        return "org.mengkeju." + id;
    }

    /** The upper-case form environment variables use: {@code MENGKEJU_GATEWAY_SERVICES_CATALOG}. */
    public String environmentName() {
        return id.toUpperCase(Locale.ROOT);
    }

    public static Optional<BackendService> byId(String id) {
        return Arrays.stream(values()).filter(service -> service.id.equals(id)).findFirst();
    }

    public static Optional<BackendService> byModule(String module) {
        return Arrays.stream(values()).filter(service -> service.module().equals(module)).findFirst();
    }

    /** The names, for messages that list what is known: {@code catalog, matching, ...}. */
    public static String ids() {
        return Arrays.stream(values()).map(BackendService::id).collect(Collectors.joining(", "));
    }

    public static List<BackendService> all() {
        return List.of(values());
    }
}
