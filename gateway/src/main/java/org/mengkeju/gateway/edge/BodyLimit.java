package org.mengkeju.gateway.edge;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway accepts, {@code mengkeju.gateway.max-request-body}, and
 * {@code max-bulk-request-body} on the path prefixes listed in {@code bulk-paths}. Every service also has
 * its own limit; this one keeps an oversized body off the internal network and out of the services' memory.
 */
@ConfigurationProperties("mengkeju.gateway")
public record BodyLimit(@DefaultValue("1MB") DataSize maxRequestBody, @DefaultValue({}) List<String> bulkPaths,
        @DefaultValue("32MB") DataSize maxBulkRequestBody) {

    public BodyLimit {
        if (maxRequestBody.toBytes() <= 0 || maxBulkRequestBody.toBytes() <= 0) {
            throw new IllegalArgumentException("mengkeju.gateway.max-request-body and max-bulk-request-body must be "
                    + "positive");
        }
    }

    /** The limit for a request to {@code path}: bulk endpoints (a sub-center's batch upload) take larger bodies. */
    long limitFor(String path) {
        return isBulk(path) ? maxBulkRequestBody.toBytes() : maxRequestBody.toBytes();
    }

    /** Whether {@code path} is a bulk endpoint's. */
    public boolean isBulk(String path) {
        return bulkPaths.stream().anyMatch(path::startsWith);
    }
}
