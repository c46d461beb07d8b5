package org.mengkeju.gateway.apikey;

import org.mengkeju.gateway.problem.ProblemResponses;
import org.mengkeju.gateway.routing.Downstream;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Adds the signed identity once the route, and so the target service, is known: the token's audience is that
 * service, so a service cannot pass on what it received to another service. A routed request that the key check
 * did not authenticate (a path it did not take for an API path) is refused, never forwarded without identity.
 */
@Component
class SignedIdentityFilter implements GlobalFilter, Ordered {

    private final IdentitySigner signer;
    private final ApiKeyFilter keyCheck;
    private final ProblemResponses problems;

    SignedIdentityFilter(IdentitySigner signer, ApiKeyFilter keyCheck, ProblemResponses problems) {
        this.signer = signer;
        this.keyCheck = keyCheck;
        this.problems = problems;
    }

    @Override
    public int getOrder() {
        // Before the route's own filters (breaker, retries), so every attempt carries the same identity.
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        CallerIdentity caller = exchange.getAttribute(ApiKeyFilter.CALLER_ATTRIBUTE);
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        if (route == null) {
            return chain.filter(exchange);
        }
        if (caller == null) {
            AuthenticatedClient client = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
            if (client != null) {
                // An administrator is authenticated, but its role means nothing to a service.
                HttpHeaders close = new HttpHeaders();
                close.set(HttpHeaders.CONNECTION, "close"); // its body, if any, was never read
                return problems.write(exchange, ApiProblem.forbidden("client " + client.clientId() + " is an "
                        + client.role() + ": it manages clients at /api/v1/admin/clients and calls no service"), close);
            }
            return keyCheck.refuse(exchange, "the request was not authenticated with an " + ApiKeyFilter.HEADER);
        }
        String token = signer.issue(caller, audience(route));
        return chain.filter(exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(IdentityToken.HEADER, token)))
                .build());
    }

    /** The service a route leads to, by the name it checks tokens against (its {@code spring.application.name}). */
    static String audience(Route route) {
        return Downstream.byKey(route.getId()).map(Downstream::serviceName).orElse(route.getId());
    }
}
