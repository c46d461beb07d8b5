package org.mengkeju.gateway.apikey;

import org.mengkeju.gateway.problem.ProblemResponses;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;

/**
 * The gateway's one API-key check: an {@code /api} request goes on only with a registered key, and then without
 * the key and without any identity header the client sent; {@link SignedIdentityFilter} adds the identity signed
 * for the service the request is routed to. A WebFilter rather than a route filter, so that a path no route serves
 * is refused the same way and an unauthenticated caller cannot probe which APIs exist.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter implements WebFilter {

    public static final String HEADER = "X-Api-Key";
    /** Exchange attribute holding the authenticated {@link CallerIdentity}. */
    public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();

    /** Matched against the decoded path without matrix parameters, so {@code /%61pi/...} is an API path too. */
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final ApiKeys keys;
    private final ProblemResponses problems;

    public ApiKeyFilter(ApiKeys keys, ProblemResponses problems) {
        this.keys = keys;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Whatever identity the client sent is never passed on, whichever path it called.
        ServerWebExchange stripped = exchange.mutate().request(request -> request.headers(headers -> {
            // The key is a credential for the gateway only; a service never needs it.
            headers.remove(HEADER);
            headers.remove(IdentityToken.HEADER);
        })).build();
        if (!API.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(stripped);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return refuse(exchange, "the request has no " + HEADER + " header");
        }
        var client = keys.authenticate(presented);
        if (client.isEmpty()) {
            return refuse(exchange, "the " + HEADER + " is not a registered API key");
        }
        stripped.getAttributes().put(CALLER_ATTRIBUTE, client.get().identity());
        return chain.filter(stripped);
    }

    /** The 401 problem with the challenge naming the header, for a missing or unknown key. */
    Mono<Void> refuse(ServerWebExchange exchange, String reason) {
        HttpHeaders challenge = new HttpHeaders();
        challenge.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"mengkeju\", header=\"" + HEADER + "\"");
        return problems.write(exchange, new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                reason + "; send the API key issued to your system in the " + HEADER + " header"), challenge);
    }
}
