package org.mengkeju.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway treats every service route, under {@code mengkeju.gateway.routes.*}.
 *
 * @param connectTimeout  how long to wait for a connection to a service
 * @param responseTimeout how long to wait for a service's response headers before answering 503
 * @param getRetries      extra attempts for a GET or HEAD that could not connect or got 502/503/504; never for
 *                        POST and the other methods, which may already have changed something
 * @param breakerOpenFor  how long a service's breaker refuses calls once its failures passed the threshold
 * @param bulkResponseTimeout the response timeout of bulk endpoints ({@code mengkeju.gateway.bulk-paths}): a
 *                        sub-center's upload of 10,000 listings is written before it is answered
 * @param maxEventStreams how many server-sent event streams (an auction's live feed) the gateway keeps open to one
 *                        service at once, on connections of their own: a stream holds its connection for as long as
 *                        its watcher stays, and on the services' shared pool 64 watchers would leave no connection
 *                        for anyone else's requests. A watcher over the limit gets a 503 with Retry-After.
 */
@ConfigurationProperties("mengkeju.gateway.routes")
public record RoutePolicy(@DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration responseTimeout,
        @DefaultValue("2") int getRetries, @DefaultValue("15s") Duration breakerOpenFor,
        @DefaultValue("120s") Duration bulkResponseTimeout, @DefaultValue("1000") int maxEventStreams) {

    public RoutePolicy {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.connect-timeout must be positive");
        }
        if (responseTimeout.isNegative() || responseTimeout.isZero()) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.response-timeout must be positive");
        }
        if (getRetries < 0) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.get-retries must be zero or more");
        }
        if (bulkResponseTimeout.compareTo(responseTimeout) < 0) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.bulk-response-timeout must be at least the "
                    + "response-timeout");
        }
        if (maxEventStreams < 1) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.max-event-streams must be at least 1");
        }
        if (breakerOpenFor.isNegative() || breakerOpenFor.isZero()) {
            throw new IllegalArgumentException("mengkeju.gateway.routes.breaker-open-for must be positive");
        }
    }
}
