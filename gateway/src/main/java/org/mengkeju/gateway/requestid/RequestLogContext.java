package org.mengkeju.gateway.requestid;

import org.mengkeju.platform.outbox.PendingEvent;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/**
 * Puts a request's id in the logging context for one log statement. Reactive code hops threads, so a thread-bound
 * MDC set once per request would end up on the wrong lines; setting it around each statement keeps it exact.
 */
public final class RequestLogContext {

    /** The MDC key the services use too, so one log pattern and one search work across the platform. */
    public static final String MDC_KEY = PendingEvent.REQUEST_ID_MDC;

    private RequestLogContext() {
    }

    public static void log(ServerWebExchange exchange, Runnable statement) {
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId == null) {
            statement.run();
            return;
        }
        try (var ignored = MDC.putCloseable(MDC_KEY, requestId)) {
            statement.run();
        }
    }
}
