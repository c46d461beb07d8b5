package org.mengkeju.gateway.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem as the whole response, in the same shape the services answer (type, title, status,
 * detail, instance, requestId), so a partner system handles an error the same way whoever produced it.
 */
@Component
public class ProblemResponses {

    private final JsonMapper json;

    public ProblemResponses(JsonMapper json) {
        this.json = json;
    }

    public Mono<Void> write(ServerWebExchange exchange, ApiProblem problem) {
        return write(exchange, problem, HttpHeaders.EMPTY);
    }

    /** As {@link #write(ServerWebExchange, ApiProblem)}, with headers the status calls for (Allow, WWW-Authenticate). */
    public Mono<Void> write(ServerWebExchange exchange, ApiProblem problem, HttpHeaders extraHeaders) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            // Part of another answer is already on the wire; all we can do is let the connection fail.
            return Mono.error(problem);
        }
        ProblemDetail detail = problem.toProblemDetail();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", String.valueOf(detail.getType()));
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        body.put("instance", exchange.getRequest().getPath().value());
        String requestId = RequestLogContext.requestId(exchange);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        if (problem instanceof InvalidRequestProblem invalid) {
            body.put("errors", invalid.errors());
        }
        byte[] bytes = json.writeValueAsBytes(body);

        // Headers a half-finished proxy attempt copied from a service must not describe this body.
        response.getHeaders().clear();
        response.getHeaders().addAll(extraHeaders);
        response.setStatusCode(problem.status());
        // The gateway's own answers are quick, often before the request was read to its end: closing the connection
        // spares reading the rest of a body it refused, and the client's next call starts on a clean connection.
        response.getHeaders().setConnection("close");
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        response.getHeaders().setContentLength(bytes.length);
        return response.writeWith(Mono.just(response.bufferFactory().wrap(bytes)));
    }
}
