package org.mengkeju.gateway.clients;

import java.net.URI;

import org.mengkeju.gateway.apikey.ApiKeyFilter;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientPage;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientView;
import org.mengkeju.gateway.clients.ClientAdminRequests.IssuedApiKey;
import org.mengkeju.gateway.clients.ClientAdminRequests.RegisterClient;
import org.mengkeju.gateway.clients.ClientAdminRequests.RotateKey;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The admin API of the gateway's clients, present when the gateway has a database
 * ({@link ClientStoreConfiguration}). Only translation: the caller comes from the key check, the rules are
 * {@link ClientAdministration}'s. An answer carrying a key is never cached.
 */
@RestController
@ConditionalOnProperty("spring.mongodb.uri")
@RequestMapping(path = ClientAdminController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class ClientAdminController {

    static final String PATH = "/api/v1/admin/clients";

    private final ClientAdministration administration;
    private final StrictBodies bodies = new StrictBodies();

    ClientAdminController(ClientAdministration administration) {
        this.administration = administration;
    }

    @PostMapping
    Mono<ResponseEntity<IssuedApiKey>> register(ServerWebExchange exchange,
            @RequestBody(required = false) String body) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.register(caller, bodies.read(body, RegisterClient.class, false)))
                .map(issued -> ResponseEntity.created(URI.create(PATH + "/" + issued.client().clientId()))
                        .cacheControl(CacheControl.noStore()).body(issued));
    }

    @GetMapping
    Mono<ClientPage> list(ServerWebExchange exchange, @RequestParam(required = false) String after,
            @RequestParam(required = false) Integer limit) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.list(caller, after, limit));
    }

    @GetMapping("/{clientId}")
    Mono<ClientView> get(ServerWebExchange exchange, @PathVariable String clientId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.get(caller, clientId));
    }

    @PostMapping("/{clientId}/key-rotations")
    Mono<ResponseEntity<IssuedApiKey>> rotate(ServerWebExchange exchange, @PathVariable String clientId,
            @RequestBody(required = false) String body) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.rotate(caller, clientId, bodies.read(body, RotateKey.class, true)))
                .map(issued -> ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(issued));
    }

    @PostMapping("/{clientId}/revocation")
    Mono<ClientView> revoke(ServerWebExchange exchange, @PathVariable String clientId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.revoke(caller, clientId));
    }

    @DeleteMapping("/{clientId}/keys/{keyId}")
    Mono<ClientView> revokeKey(ServerWebExchange exchange, @PathVariable String clientId,
            @PathVariable String keyId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.revokeKey(caller, clientId, keyId));
    }

    private static AuthenticatedClient caller(ServerWebExchange exchange) {
        return exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
    }
}
