package org.mengkeju.gateway.clients;

import java.net.URI;

import org.mengkeju.gateway.apikey.ApiKeyFilter;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientPage;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientView;
import org.mengkeju.gateway.clients.ClientAdminRequests.IssuedApiKey;
import org.mengkeju.gateway.clients.ClientAdminRequests.RegisterClient;
import org.mengkeju.gateway.clients.ClientAdminRequests.RotateKey;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
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
@Tag(name = "clients", description = "Client management (接入方管理): ADMIN clients only; anyone else gets a 403 problem")
@ApiResponse(responseCode = "401", description = "no key or token, or not a working one",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "the caller is not an ADMIN",
        content = @Content(mediaType = "application/problem+json"))
@RequestMapping(path = ClientAdminController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class ClientAdminController {

    static final String PATH = "/api/v1/admin/clients";

    private final ClientAdministration administration;
    private final StrictBodies bodies = new StrictBodies();

    ClientAdminController(ClientAdministration administration) {
        this.administration = administration;
    }

    @PostMapping
    @Operation(summary = "Register a client and issue its first API key",
            description = "The role decides the scope: PARTNER and FINANCE_INSTITUTION need institutionId, SUB_CENTER "
                    + "needs regionCode, ADMIN has neither. The key is in this answer only; only its SHA-256 is "
                    + "kept. The client id makes the registration happen once (409 client-exists).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = RegisterClient.class))))
    @ApiResponse(responseCode = "201", description = "registered; the key is shown this once")
    @ApiResponse(responseCode = "400", description = "a field breaks its rule (named in errors)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "client-exists: the id is taken, by a registered or a "
            + "configured client", content = @Content(mediaType = "application/problem+json"))
    Mono<ResponseEntity<IssuedApiKey>> register(@Parameter(hidden = true) ServerWebExchange exchange,
            @RequestBody(required = false) @Parameter(hidden = true) String body) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.register(caller, bodies.read(body, RegisterClient.class, false)))
                .map(issued -> ResponseEntity.created(URI.create(PATH + "/" + issued.client().clientId()))
                        .cacheControl(CacheControl.noStore()).body(issued));
    }

    @GetMapping
    @Operation(summary = "List registered clients in id order",
            description = "Pages of at most 500 (default 100); pass next as after for the following page.")
    @ApiResponse(responseCode = "200", description = "a page of clients, keys by id without hashes")
    @ApiResponse(responseCode = "400", description = "after or limit out of its rule",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ClientPage> list(@Parameter(hidden = true) ServerWebExchange exchange,
            @RequestParam(required = false) @Parameter(description = "the last client id of the page before")
            String after,
            @RequestParam(required = false) @Parameter(description = "1 to 500, default 100") Integer limit) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.list(caller, after, limit));
    }

    @GetMapping("/{clientId}")
    @Operation(summary = "Read a registered client, its status and its keys (ids and times, never hashes)")
    @ApiResponse(responseCode = "200", description = "the client")
    @ApiResponse(responseCode = "400", description = "clientId out of its rule",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such registered client",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "client-configured: set in configuration, not managed here",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ClientView> get(@Parameter(hidden = true) ServerWebExchange exchange, @PathVariable String clientId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.get(caller, clientId));
    }

    @PostMapping("/{clientId}/key-rotations")
    @Operation(summary = "Issue a new key; the client's other keys keep working for the overlap",
            description = "overlap: ISO-8601, default PT24H, at most P30D; PT0S ends the other keys at once.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = false,
                    content = @Content(schema = @Schema(implementation = RotateKey.class))))
    @ApiResponse(responseCode = "201", description = "the new key, shown this once")
    @ApiResponse(responseCode = "400", description = "a field breaks its rule (named in errors)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such registered client",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "client-revoked, client-configured or concurrent-modification",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ResponseEntity<IssuedApiKey>> rotate(@Parameter(hidden = true) ServerWebExchange exchange,
            @PathVariable String clientId,
            @RequestBody(required = false) @Parameter(hidden = true) String body) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.rotate(caller, clientId, bodies.read(body, RotateKey.class, true)))
                .map(issued -> ResponseEntity.status(201).cacheControl(CacheControl.noStore()).body(issued));
    }

    @PostMapping("/{clientId}/revocation")
    @Operation(summary = "Revoke a client: every key and token of it stops",
            description = "At once on this gateway, within the key cache's lifetime (5 s) on the others. Revoking "
                    + "again changes nothing.")
    @ApiResponse(responseCode = "200", description = "the client, REVOKED")
    @ApiResponse(responseCode = "400", description = "clientId out of its rule",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such registered client",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "client-configured or concurrent-modification",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ClientView> revoke(@Parameter(hidden = true) ServerWebExchange exchange, @PathVariable String clientId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.revoke(caller, clientId));
    }

    @DeleteMapping("/{clientId}/keys/{keyId}")
    @Operation(summary = "End one key of a client now, e.g. the old one before its overlap is over")
    @ApiResponse(responseCode = "200", description = "the client with the key ended")
    @ApiResponse(responseCode = "400", description = "clientId out of its rule",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such client or key",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "client-revoked, client-configured or concurrent-modification",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ClientView> revokeKey(@Parameter(hidden = true) ServerWebExchange exchange, @PathVariable String clientId,
            @PathVariable String keyId) {
        AuthenticatedClient caller = caller(exchange);
        return Mono.defer(() -> administration.revokeKey(caller, clientId, keyId));
    }

    private static AuthenticatedClient caller(ServerWebExchange exchange) {
        return exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
    }
}
