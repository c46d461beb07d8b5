package org.mengkeju.gateway.problem;

import java.time.Duration;

import org.mengkeju.gateway.logging.LogThrottle;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Turns every failure the gateway itself meets into a problem body: a path no route serves is a 404, a status
 * Spring raised keeps its status, anything else is a 500 that tells the caller to quote the request id.
 * Ordered before Boot's own handler (-1), whose body is not a problem.
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);

    private final ProblemResponses problems;
    private final LogThrottle failureLog = new LogThrottle(Duration.ofSeconds(10));

    public GatewayErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof RetryLaterProblem problem) {
            HttpHeaders headers = new HttpHeaders();
            headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
            return problems.write(exchange, problem, headers);
        }
        if (failure instanceof ApiProblem problem) {
            return problems.write(exchange, problem);
        }
        if (failure instanceof ResponseStatusException status) {
            return problems.write(exchange, fromStatus(exchange, status), status.getHeaders());
        }
        // One stack trace per kind of failure every few seconds, with a count: a failure that hits every request
        // would otherwise write one per request.
        failureLog.log(failure.getClass().getName(), suppressed -> RequestLogContext.log(exchange,
                () -> log.error("unexpected failure on {} {} ({} more of this kind since the last line)",
                        exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), suppressed,
                        failure)));
        return problems.write(exchange, new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error",
                "Internal error", "the request failed in the gateway; quote the request id to the platform operators"));
    }

    private ApiProblem fromStatus(ServerWebExchange exchange, ResponseStatusException failure) {
        HttpStatus resolved = HttpStatus.resolve(failure.getStatusCode().value());
        HttpStatus status = resolved != null ? resolved : HttpStatus.INTERNAL_SERVER_ERROR;
        if (status == HttpStatus.NOT_FOUND) {
            // No route and no gateway endpoint: say which request found nothing rather than echo Spring's text.
            return new ApiProblem(status, "not-found", "Not found", "no API at "
                    + exchange.getRequest().getMethod() + " " + exchange.getRequest().getPath().value());
        }
        if (status.is5xxServerError()) {
            failureLog.log("status-" + status.value(), suppressed -> RequestLogContext.log(exchange,
                    () -> log.warn("{} on {} {}: {} ({} more since the last line)", status.value(),
                            exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(),
                            failure.getMessage(), suppressed)));
        }
        String detail = failure.getReason() != null ? failure.getReason() : status.getReasonPhrase();
        // The same type for a bare HTTP status as the services use (ProblemDetailsAdvice).
        return new ApiProblem(status, "http-" + status.value(), status.getReasonPhrase(), detail);
    }
}
