package org.mengkeju.gateway.exchange;

import org.mengkeju.platform.outbox.PendingEvent;
import org.slf4j.MDC;
import org.springframework.web.server.ServerWebExchange;

/**
 * A request's id on its exchange, and in the logging context for one log statement. Reactive code hops threads, so
 * a thread-bound MDC set once per request would end up on the wrong lines; setting it around each statement keeps
 * it exact. Below every other gateway package: the filters, the problem writer and the routes all read it.
 */
public final class RequestLogContext {

    /** Exchange attribute holding the request id, set by the request-id filter before anything else runs. */
    public static final String REQUEST_ID_ATTRIBUTE = RequestLogContext.class.getName() + ".requestId";

    /** The MDC key the services use too, so one log pattern and one search work across the platform. */
    public static final String MDC_KEY = PendingEvent.REQUEST_ID_MDC;

    private RequestLogContext() {
    }

    /** The request's id; null only before the request-id filter ran. */
    public static String requestId(ServerWebExchange exchange) {
        return exchange.getAttribute(REQUEST_ID_ATTRIBUTE);
    }

    public static void log(ServerWebExchange exchange, Runnable statement) {
        String requestId = requestId(exchange);
        if (requestId == null) {
            statement.run();
            return;
        }
        try (var ignored = MDC.putCloseable(MDC_KEY, requestId)) {
            statement.run();
        }
    }
}
