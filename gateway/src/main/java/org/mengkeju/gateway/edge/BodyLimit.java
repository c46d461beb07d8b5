package org.mengkeju.gateway.edge;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The largest request body the gateway accepts, {@code mengkeju.gateway.max-request-body}. Every service also has
 * its own limit; this one keeps an oversized body off the internal network and out of the services' memory.
 */
@ConfigurationProperties("mengkeju.gateway")
public record BodyLimit(@DefaultValue("1MB") DataSize maxRequestBody) {

    public BodyLimit {
        if (maxRequestBody.toBytes() <= 0) {
            throw new IllegalArgumentException("mengkeju.gateway.max-request-body must be positive");
        }
    }
}
