package org.mengkeju.gateway.routing;

import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR;

/**
 * Where a route's circuit breaker sends a request the service did not answer: a 503 problem naming the service.
 * Reachable only as that forward; asked for directly, it does not exist.
 */
@RestController
class FallbackController {

    static final String PATH = "/fallback/";

    private static final Logger log = LoggerFactory.getLogger(FallbackController.class);

    @RequestMapping(PATH + "{service}")
    Mono<Void> fallback(@PathVariable String service, ServerWebExchange exchange) {
        Throwable failure = exchange.getAttribute(CIRCUITBREAKER_EXECUTION_EXCEPTION_ATTR);
        var downstream = Downstream.byKey(service);
        if (failure == null || downstream.isEmpty()) {
            return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND));
        }
        String name = downstream.get().serviceName();
        // The access line with the same request id says which request it was.
        RequestLogContext.log(exchange, () -> log.warn("{} failed, answering 503: {}", name, failure.toString()));
        return Mono.error(new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable",
                "Service unavailable", name + " " + reason(failure) + "; try again shortly"));
    }

    /** What the caller may know: which kind of failure, not hosts, ports or stack traces. */
    private static String reason(Throwable failure) {
        if (failure instanceof CallNotPermittedException) {
            return "failed repeatedly and is paused by the gateway's circuit breaker";
        }
        if (failure instanceof TimeoutException
                || failure instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
            return "did not answer in time";
        }
        return "cannot be reached";
    }
}
