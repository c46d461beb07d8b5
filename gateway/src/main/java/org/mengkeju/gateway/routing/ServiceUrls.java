package org.mengkeju.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

import org.mengkeju.topology.BackendService;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each service answers, under {@code mengkeju.gateway.services.<name>} with the names of {@link BackendService}
 * (e.g. {@code mengkeju.gateway.services.contract=http://contract-service:8083}); a service not configured is
 * expected on localhost at its default port, as the local run starts it. Only scheme, host and port count: paths
 * are forwarded unchanged, so a path here is refused rather than silently ignored, and so is a name no service has.
 */
@ConfigurationProperties("mengkeju.gateway")
public class ServiceUrls {

    private static final String PREFIX = "mengkeju.gateway.services.";

    private final Map<Downstream, URI> urls = new EnumMap<>(Downstream.class);

    public ServiceUrls(Map<String, URI> services) {
        Map<String, URI> configured = services == null ? Map.of() : services;
        configured.keySet().forEach(name -> {
            if (Downstream.byKey(name).isEmpty()) {
                throw new IllegalArgumentException(PREFIX + name + " names no service; the services are "
                        + BackendService.ids());
            }
        });
        for (Downstream service : Downstream.values()) {
            URI url = configured.getOrDefault(service.key(),
                    URI.create("http://localhost:" + service.service().defaultPort()));
            check(service.key(), url);
            urls.put(service, url);
        }
    }

    public URI of(Downstream service) {
        return urls.get(service);
    }

    private static void check(String name, URI url) {
        String property = PREFIX + name;
        boolean http = "http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme());
        if (!http || url.getHost() == null) {
            throw new IllegalArgumentException(property + " is '" + url + "'; expected a URL like http://localhost:8081");
        }
        if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !"/".equals(url.getRawPath())) {
            throw new IllegalArgumentException(property + " is '" + url
                    + "'; give only scheme, host and port, since paths are forwarded unchanged");
        }
    }
}
