package org.mengkeju.gateway.clients;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.mengkeju.gateway.apikey.ApiKeys;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientPage;
import org.mengkeju.gateway.clients.ClientAdminRequests.ClientView;
import org.mengkeju.gateway.clients.ClientAdminRequests.IssuedApiKey;
import org.mengkeju.gateway.clients.ClientAdminRequests.RegisterClient;
import org.mengkeju.gateway.clients.ClientAdminRequests.RotateKey;
import org.mengkeju.gateway.problem.InvalidRequestProblem;
import org.mengkeju.gateway.problem.InvalidRequestProblem.FieldError;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import reactor.core.publisher.Mono;

/**
 * Client management (接入方管理): who may register clients and issue, rotate and revoke their keys (administrators
 * only), and the checks on what they send. Clients from the gateway's configuration (the development keys, the
 * operations client) are not managed here: their ids are taken, and they change with the configuration.
 */
class ClientAdministration {

    private static final Logger log = LoggerFactory.getLogger(ClientAdministration.class);
    static final Duration DEFAULT_OVERLAP = Duration.ofHours(24);
    static final int MAX_PAGE = 500;

    private final RegisteredClients clients;
    private final ClientKeyCache cache;
    private final ApiKeys configured;
    private final Clock clock;

    ClientAdministration(RegisteredClients clients, ClientKeyCache cache, ApiKeys configured, Clock clock) {
        this.clients = clients;
        this.cache = cache;
        this.configured = configured;
        this.clock = clock;
    }

    /** Only administrators manage clients; the clients themselves, operators included, do not. */
    static boolean mayManageClients(AuthenticatedClient caller) {
        return caller != null && caller.role() == ClientRole.ADMIN;
    }

    Mono<IssuedApiKey> register(AuthenticatedClient caller, RegisterClient request) {
        requireAdmin(caller);
        Instant now = clock.instant();
        List<FieldError> errors = new ArrayList<>(ClientScope.check(request.clientId(), request.role(),
                request.institutionId(), request.regionCode()));
        checkExpiry(request.keyExpiresAt(), now).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidRequestProblem(errors);
        }
        if (configured.hasClient(request.clientId())) {
            throw taken(request.clientId());
        }
        NewApiKey key = NewApiKey.generate(now, request.keyExpiresAt());
        RegisteredClient client = RegisteredClient.register(request.clientId(), request.role(), request.institutionId(),
                request.regionCode(), key.issued(), now, caller.clientId());
        return clients.insert(client)
                .onErrorMap(DuplicateKeyException.class, e -> taken(request.clientId()))
                .map(saved -> {
                    cache.forgetKey(key.issued().sha256());
                    log.info("client {} registered by {} as {} (institution {}, region {}), key {}", saved.clientId(),
                            caller.clientId(), saved.role(), saved.institutionId(), saved.regionCode(),
                            key.issued().keyId());
                    return issued(saved, key);
                });
    }

    Mono<IssuedApiKey> rotate(AuthenticatedClient caller, String clientId, RotateKey request) {
        requireAdmin(caller);
        requireValidId(clientId);
        Instant now = clock.instant();
        Duration overlap = request.overlap() == null ? DEFAULT_OVERLAP : request.overlap();
        List<FieldError> errors = new ArrayList<>();
        if (overlap.isNegative() || overlap.compareTo(RegisteredClient.MAX_OVERLAP) > 0) {
            errors.add(new FieldError("overlap", "must be between PT0S and P30D"));
        }
        checkExpiry(request.keyExpiresAt(), now).ifPresent(errors::add);
        if (!errors.isEmpty()) {
            throw new InvalidRequestProblem(errors);
        }
        NewApiKey key = NewApiKey.generate(now, request.keyExpiresAt());
        return change(clientId, client -> client.rotate(key.issued(), overlap, now)).map(saved -> {
            cache.forgetKey(key.issued().sha256());
            log.info("client {} got key {} from {}; its other keys end by {}", clientId, key.issued().keyId(),
                    caller.clientId(), now.plus(overlap));
            return issued(saved, key);
        });
    }

    Mono<ClientView> revoke(AuthenticatedClient caller, String clientId) {
        requireAdmin(caller);
        requireValidId(clientId);
        Instant now = clock.instant();
        return change(clientId, client -> {
            if (client.revoke(now, caller.clientId())) {
                log.info("client {} revoked by {}", clientId, caller.clientId());
            }
        }).map(ClientView::of);
    }

    Mono<ClientView> revokeKey(AuthenticatedClient caller, String clientId, String keyId) {
        requireAdmin(caller);
        requireValidId(clientId);
        Instant now = clock.instant();
        return change(clientId, client -> client.revokeKey(keyId, now)).map(saved -> {
            log.info("key {} of client {} revoked by {}", keyId, clientId, caller.clientId());
            return ClientView.of(saved);
        });
    }

    Mono<ClientView> get(AuthenticatedClient caller, String clientId) {
        requireAdmin(caller);
        requireValidId(clientId);
        return load(clientId).map(ClientView::of);
    }

    Mono<ClientPage> list(AuthenticatedClient caller, String after, Integer limit) {
        requireAdmin(caller);
        if (after != null) {
            ClientScope.checkClientId("after", after).ifPresent(error -> {
                throw new InvalidRequestProblem(List.of(error));
            });
        }
        int size = limit == null ? 100 : limit;
        if (size < 1 || size > MAX_PAGE) {
            throw InvalidRequestProblem.of("limit", "must be between 1 and " + MAX_PAGE);
        }
        return clients.list(after, size).map(ClientView::of).collectList().map(items -> new ClientPage(items,
                items.size() == size ? items.getLast().clientId() : null));
    }

    /** Loads, changes and writes back one client under its version; the cache forgets it on every replica's next miss. */
    private Mono<RegisteredClient> change(String clientId, Consumer<RegisteredClient> change) {
        return load(clientId).flatMap(client -> {
            change.accept(client);
            return clients.save(client);
        }).onErrorMap(OptimisticLockingFailureException.class, e -> ApiProblem.conflict("concurrent-modification",
                "Concurrent modification", "client " + clientId + " was changed by another request meanwhile; "
                        + "read it and try again"))
                .doOnNext(saved -> cache.forget(clientId));
    }

    private Mono<RegisteredClient> load(String clientId) {
        return clients.find(clientId).switchIfEmpty(Mono.error(() -> configured.hasClient(clientId)
                ? ApiProblem.conflict("client-configured", "Client configured", "client " + clientId
                        + " is set in the gateway's configuration (mengkeju.gateway.clients); change it there")
                : ApiProblem.notFound("client", clientId)));
    }

    private static void requireAdmin(AuthenticatedClient caller) {
        if (!mayManageClients(caller)) {
            throw ApiProblem.forbidden("client " + (caller == null ? "?" : caller.clientId() + " is a " + caller.role()
                    + ";") + " only an ADMIN client registers clients and issues, rotates or revokes their keys");
        }
    }

    private static void requireValidId(String clientId) {
        ClientScope.checkClientId("clientId", clientId).ifPresent(error -> {
            throw new InvalidRequestProblem(List.of(error));
        });
    }

    private static Optional<FieldError> checkExpiry(Instant expiresAt, Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now)
                ? Optional.of(new FieldError("keyExpiresAt", "must be in the future"))
                : Optional.empty();
    }

    private static ApiProblem taken(String clientId) {
        return ApiProblem.conflict("client-exists", "Client exists", "a client " + clientId
                + " is already registered; rotate its key to issue a new one");
    }

    private static IssuedApiKey issued(RegisteredClient client, NewApiKey key) {
        return new IssuedApiKey(ClientView.of(client), key.key(), key.issued().keyId(), key.issued().expiresAt());
    }
}
