package org.mengkeju.gateway.apikey;

import java.util.Optional;

import org.mengkeju.gateway.problem.ProblemResponses;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.beans.factory.ObjectProvider;
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
    /**
     * Exchange attribute holding the {@link CallerIdentity} the services are told, for a client whose role reaches
     * them; absent for an {@link ClientRole#ADMIN}.
     */
    public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();
    /** Exchange attribute holding the {@link AuthenticatedClient}, for every authenticated request. */
    public static final String CLIENT_ATTRIBUTE = AuthenticatedClient.class.getName();

    /** Matched against the decoded path without matrix parameters, so {@code /%61pi/...} is an API path too. */
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final ApiKeys keys;
    private final ObjectProvider<StoredClientKeys> stored;
    private final ProblemResponses problems;

    public ApiKeyFilter(ApiKeys keys, ObjectProvider<StoredClientKeys> stored, ProblemResponses problems) {
        this.keys = keys;
        this.stored = stored;
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
        // Configured keys first (development keys, the operations client): they need no database.
        var configured = keys.authenticate(presented);
        if (configured.isPresent()) {
            return authenticated(stripped, configured.get().authenticated(), chain);
        }
        StoredClientKeys store = stored.getIfAvailable();
        if (store == null) {
            return refuse(exchange, "the " + HEADER + " is not a registered API key");
        }
        // Optional, so that the chain completing empty is not taken for an unknown key.
        return store.authenticate(ApiKeys.sha256(presented)).map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> found.isPresent() ? authenticated(stripped, found.get(), chain)
                        : refuse(exchange, "the " + HEADER
                                + " is not a registered API key, or it was revoked or has expired"));
    }

    private static Mono<Void> authenticated(ServerWebExchange exchange, AuthenticatedClient client,
            WebFilterChain chain) {
        exchange.getAttributes().put(CLIENT_ATTRIBUTE, client);
        client.identity().ifPresent(identity -> exchange.getAttributes().put(CALLER_ATTRIBUTE, identity));
        return chain.filter(exchange);
    }

    /** The 401 problem with the challenge naming the header, for a missing or unknown key. */
    Mono<Void> refuse(ServerWebExchange exchange, String reason) {
        HttpHeaders challenge = new HttpHeaders();
        challenge.set(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"mengkeju\", header=\"" + HEADER + "\"");
        return problems.write(exchange, new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                reason + "; send the API key issued to your system in the " + HEADER + " header"), challenge);
    }
}
