package org.mengkeju.platform.apidocs;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a service's OpenAPI document says about the service, under {@code mengkeju.api.*} in its application.yml.
 *
 * @param title       e.g. {@code 蒙科聚 catalog-service API}; the application name when unset
 * @param description what the service offers, in a paragraph or two (Markdown)
 * @param version     the version of the API contract, the one in the paths ({@code /api/v1/...})
 */
@ConfigurationProperties("mengkeju.api")
public record ApiDocsProperties(String title, String description, String version) {

    public ApiDocsProperties {
        version = version == null || version.isBlank() ? "v1" : version;
    }
}
