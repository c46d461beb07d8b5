package org.mengkeju.gateway.apikey;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private static final String BEARER = "Bearer ";
    /**
     * Exchange attribute holding the {@link CallerIdentity} the services are told, for a client whose role reaches
     * them; absent for an {@link ClientRole#ADMIN}.
     */
    public static final String CALLER_ATTRIBUTE = CallerIdentity.class.getName();
    /** Exchange attribute holding the {@link AuthenticatedClient}, for every authenticated request. */
    public static final String CLIENT_ATTRIBUTE = AuthenticatedClient.class.getName();

    /** Matched against the decoded path without matrix parameters, so {@code /%61pi/...} is an API path too. */
    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final ClientCredentials credentials;
    private final ObjectProvider<BearerTokens> tokens;
    private final ProblemResponses problems;
    /**
     * The counters by method and outcome, registered once: looking a meter up in the registry on every request
     * (building and sorting its tags) was a measurable part of what the gateway spends per request.
     */
    private final Map<String, Counter> authentications;

    public ApiKeyFilter(ClientCredentials credentials, ObjectProvider<BearerTokens> tokens, ProblemResponses problems,
            MeterRegistry meters) {
        this.credentials = credentials;
        this.tokens = tokens;
        this.problems = problems;
        this.authentications = Map.of(
                "api-key/accepted", counter(meters, "api-key", "accepted"),
                "api-key/refused", counter(meters, "api-key", "refused"),
                "bearer/accepted", counter(meters, "bearer", "accepted"),
                "bearer/refused", counter(meters, "bearer", "refused"),
                "none/refused", counter(meters, "none", "refused"));
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        // Whatever identity the client sent is never passed on, whichever path it called.
        boolean api = API.matches(exchange.getRequest().getPath().pathWithinApplication());
        ServerWebExchange stripped = exchange.mutate().request(request -> request.headers(headers -> {
            // The key and the bearer token are credentials for the gateway only; a service never needs them.
            headers.remove(HEADER);
            headers.remove(IdentityToken.HEADER);
            if (api) {
                headers.remove(HttpHeaders.AUTHORIZATION);
            }
        })).build();
        if (!api) {
            // The token endpoint reads its client's Basic credentials itself.
            return chain.filter(stripped);
        }
        String presented = exchange.getRequest().getHeaders().getFirst(HEADER);
        String bearer = bearerToken(exchange);
        if ((presented == null || presented.isBlank()) && bearer != null) {
            BearerTokens issued = tokens.getIfAvailable();
            Mono<AuthenticatedClient> client = issued == null ? Mono.empty()
                    : issued.authenticate(bearer).filterWhen(found -> credentials.isActive(found.clientId()));
            return then("bearer", client, stripped, chain, () -> refuse(exchange,
                    "the bearer token is not one this gateway issued, it has expired, or its client was revoked"));
        }
        if (presented == null || presented.isBlank()) {
            count("none", "refused");
            return refuse(exchange, "the request has no " + HEADER + " header and no bearer token");
        }
        return then("api-key", credentials.authenticate(presented), stripped, chain, () -> refuse(exchange,
                "the " + HEADER + " is not a registered API key, or it was revoked or has expired"));
    }

    /** Goes on as the client found, or refuses; Optional, so that the chain completing empty is not "not found". */
    private Mono<Void> then(String method, Mono<AuthenticatedClient> client, ServerWebExchange exchange,
            WebFilterChain chain, Supplier<Mono<Void>> refusal) {
        return client.map(Optional::of).defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    count(method, found.isPresent() ? "accepted" : "refused");
                    return found.isPresent() ? authenticated(exchange, found.get(), chain) : refusal.get();
                });
    }

    /** How callers authenticate, and how often they fail: a rise in refusals is someone guessing keys. */
    private void count(String method, String outcome) {
        authentications.get(method + "/" + outcome).increment();
    }

    private static Counter counter(MeterRegistry meters, String method, String outcome) {
        return Counter.builder("mengkeju_gateway_authentications").description("API requests by how the caller "
                + "authenticated (api-key, bearer, none) and whether it was accepted")
                .tag("method", method).tag("outcome", outcome).register(meters);
    }

    private static String bearerToken(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
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
        // Refused before its body was read: the connection closes after this answer, so that a client does not send
        // its next request behind a body the gateway never consumed.
        challenge.set(HttpHeaders.CONNECTION, "close");
        challenge.add(HttpHeaders.WWW_AUTHENTICATE, "ApiKey realm=\"mengkeju\", header=\"" + HEADER + "\"");
        challenge.add(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"mengkeju\"");
        return problems.write(exchange, new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                reason + "; send the API key issued to your system in the " + HEADER + " header, or a token from "
                        + "POST /oauth2/token as Authorization: Bearer"), challenge);
    }
}
