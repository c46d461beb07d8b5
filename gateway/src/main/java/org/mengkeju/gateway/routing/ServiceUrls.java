package org.mengkeju.gateway.routing;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where each service answers, under {@code mengkeju.gateway.services.*}, e.g. {@code http://localhost:8081}.
 * Only scheme, host and port count: paths are forwarded unchanged, so a path here is refused rather than
 * silently ignored.
 */
@ConfigurationProperties("mengkeju.gateway.services")
public record ServiceUrls(URI catalog, URI matching, URI contracts, URI points, URI finance) {

    public ServiceUrls {
        check("catalog", catalog);
        check("matching", matching);
        check("contracts", contracts);
        check("points", points);
        check("finance", finance);
    }

    public URI of(Downstream service) {
        return switch (service) {
            case CATALOG -> catalog;
            case MATCHING -> matching;
            case CONTRACTS -> contracts;
            case POINTS -> points;
            case FINANCE -> finance;
        };
    }

    private static void check(String name, URI url) {
        String property = "mengkeju.gateway.services." + name;
        if (url == null) {
            throw new IllegalArgumentException(property + " is not set; give the service's base URL");
        }
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
