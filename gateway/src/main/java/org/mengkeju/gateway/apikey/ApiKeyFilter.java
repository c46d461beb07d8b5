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
 * Lets an {@code /api} request through only with a registered API key, and then swaps the key for the signed
 * identity the services trust. A WebFilter rather than a route filter, so that a path no route serves is refused
 * the same way and an unauthenticated caller cannot probe which APIs exist.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ApiKeyFilter implements WebFilter {

    public static final String HEADER = "X-Api-Key";
    /** Exchange attribute holding the authenticated {@link CallerIdentity}. */
    public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final ApiKeys keys;
    private final IdentityToken tokens;
    private final ProblemResponses problems;

    public ApiKeyFilter(ApiKeys keys, IdentityToken tokens, ProblemResponses problems) {
        this.keys = keys;
        this.tokens = tokens;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!API.matches(exchange.getRequest().getPath().pathWithinApplication())) {
            return chain.filter(exchange);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (presented == null || presented.isBlank()) {
            return refuse(exchange, "the request has no " + HEADER + " header");
        }
        var client = keys.authenticate(presented);
        if (client.isEmpty()) {
            return refuse(exchange, "the " + HEADER + " is not a registered API key");
        }
        CallerIdentity caller = client.get().identity();
        exchange.getAttributes().put(CALLER_ATTRIBUTE, caller);
        String token = tokens.issue(caller);
        ServerWebExchange forwarded = exchange.mutate().request(request -> request.headers(headers -> {
            // The key is a credential for the gateway only; a service never needs it.
            headers.remove(HEADER);
            // Whatever identity the client sent is replaced by the one the key proves.
            headers.remove(IdentityToken.HEADER);
            headers.set(IdentityToken.HEADER, token);
        })).build();
        return chain.filter(forwarded);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, String reason) {
        HttpHeaders challenge = new HttpHeaders();
        challenge.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"mengkeju\", header=\"" + HEADER + "\"");
        return problems.write(exchange, new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                reason + "; send the API key issued to your system in the " + HEADER + " header"), challenge);
    }
}
