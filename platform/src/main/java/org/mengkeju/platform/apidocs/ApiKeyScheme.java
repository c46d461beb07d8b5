package org.mengkeju.platform.apidocs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a caller authenticates, as every API document says it: the gateway's and each service's alike. Plain values,
 * so that the gateway, which has no springdoc, states the same scheme.
 */
public final class ApiKeyScheme {

    /** The scheme's name under {@code components.securitySchemes}. */
    public static final String NAME = "ApiKey";
    public static final String HEADER = "X-Api-Key";
    public static final String DESCRIPTION = "The API key issued to your system. The gateway checks it; a missing or "
            + "unknown key is a 401 problem. The services behind the gateway never see it.";

    private ApiKeyScheme() {
    }

    /** The security scheme object of an OpenAPI document. */
    public static Map<String, Object> asOpenApi() {
        Map<String, Object> scheme = new LinkedHashMap<>();
        scheme.put("type", "apiKey");
        scheme.put("in", "header");
        scheme.put("name", HEADER);
        scheme.put("description", DESCRIPTION);
        return scheme;
    }
}
