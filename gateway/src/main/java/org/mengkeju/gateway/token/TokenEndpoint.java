package org.mengkeju.gateway.token;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mengkeju.gateway.apikey.ClientCredentials;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The OAuth2 token endpoint for the client-credentials grant (RFC 6749 §4.4), for systems that prefer a bearer
 * token to an API key: the client authenticates with its id and its API key as the secret (HTTP Basic, or
 * {@code client_id} and {@code client_secret} in the form) and gets a short-lived token for the same identity.
 * Errors are in the form OAuth2 clients expect (§5.2: {@code error}, {@code error_description}), with the request id.
 */
@RestController
class TokenEndpoint {

    static final String PATH = "/oauth2/token";
    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);
    private static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final String BASIC = "Basic ";

    private final ClientCredentials credentials;
    private final AccessTokens tokens;

    TokenEndpoint(ClientCredentials credentials, AccessTokens tokens) {
        this.credentials = credentials;
        this.tokens = tokens;
    }

    @PostMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    @Tag(name = "oauth2", description = "OAuth2 client credentials (RFC 6749 §4.4)")
    @SecurityRequirements
    @Operation(summary = "Trade a client's id and API key for a short-lived access token",
            description = "Form-encoded grant_type=client_credentials; the client authenticates with HTTP Basic "
                    + "(client id : API key) or client_id and client_secret in the form. The token is a JWT (RS256) "
                    + "for Authorization: Bearer on /api, valid a few minutes.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE)))
    @ApiResponse(responseCode = "200", description = "access_token, token_type Bearer, expires_in (seconds)")
    @ApiResponse(responseCode = "400", description = "invalid_request or unsupported_grant_type (RFC 6749 §5.2)")
    @ApiResponse(responseCode = "401", description = "invalid_client: unknown client, or not a working key of it")
    Mono<ResponseEntity<Map<String, Object>>> token(@Parameter(hidden = true) ServerWebExchange exchange) {
        MediaType type = exchange.getRequest().getHeaders().getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(type)) {
            // Its body is not read: the connection closes after the answer rather than carry it into the next request.
            return Mono.just(ResponseEntity.status(HttpStatus.BAD_REQUEST).header(HttpHeaders.CONNECTION, "close")
                    .cacheControl(CacheControl.noStore()).body(errorBody(exchange, "invalid_request",
                            "send the parameters as application/x-www-form-urlencoded")));
        }
        return exchange.getFormData().flatMap(form -> grant(exchange, form));
    }

    private Mono<ResponseEntity<Map<String, Object>>> grant(ServerWebExchange exchange,
            MultiValueMap<String, String> form) {
        for (String name : List.of("grant_type", "client_id", "client_secret", "scope")) {
            if (form.getOrDefault(name, List.of()).size() > 1) {
                return Mono.just(error(exchange, HttpStatus.BAD_REQUEST, "invalid_request", name + " is repeated",
                        false));
            }
        }
        String grantType = form.getFirst("grant_type");
        if (grantType == null) {
            return Mono.just(error(exchange, HttpStatus.BAD_REQUEST, "invalid_request", "grant_type is required",
                    false));
        }
        if (!CLIENT_CREDENTIALS.equals(grantType)) {
            return Mono.just(error(exchange, HttpStatus.BAD_REQUEST, "unsupported_grant_type",
                    "only client_credentials is granted here", false));
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, BASIC, 0, BASIC.length());
        String clientId;
        String secret;
        if (basic) {
            if (form.containsKey("client_secret")) {
                return Mono.just(error(exchange, HttpStatus.BAD_REQUEST, "invalid_request",
                        "authenticate one way only: HTTP Basic or client_secret in the form", false));
            }
            String[] pair = basicCredentials(authorization.substring(BASIC.length()).strip());
            if (pair == null) {
                return Mono.just(error(exchange, HttpStatus.UNAUTHORIZED, "invalid_client",
                        "the Basic credentials are not base64 of client_id:client_secret", true));
            }
            clientId = pair[0];
            secret = pair[1];
        } else {
            clientId = form.getFirst("client_id");
            secret = form.getFirst("client_secret");
        }
        if (clientId == null || clientId.isEmpty() || secret == null || secret.isEmpty()) {
            return Mono.just(error(exchange, HttpStatus.UNAUTHORIZED, "invalid_client",
                    "the client authenticates with its client id and its API key as the secret", basic));
        }
        return credentials.authenticate(secret)
                .filter(client -> client.clientId().equals(clientId))
                .map(client -> {
                    AccessTokens.IssuedToken token = tokens.issue(client);
                    RequestLogContext.log(exchange, () -> log.info("access token issued to client {} for {}",
                            client.clientId(), token.lifetime()));
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("access_token", token.value());
                    body.put("token_type", "Bearer");
                    body.put("expires_in", token.lifetime().toSeconds());
                    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache")
                            .body(body);
                })
                .switchIfEmpty(Mono.fromSupplier(() -> error(exchange, HttpStatus.UNAUTHORIZED, "invalid_client",
                        "unknown client, or the secret is not a working API key of this client", basic)));
    }

    /** RFC 6749 §2.3.1: the id and the secret are form-encoded before they are joined and base64-encoded. */
    private static String[] basicCredentials(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static Map<String, Object> errorBody(ServerWebExchange exchange, String error, String description) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("error_description", description);
        String requestId = RequestLogContext.requestId(exchange);
        if (requestId != null) {
            body.put("requestId", requestId);
        }
        return body;
    }

    private static ResponseEntity<Map<String, Object>> error(ServerWebExchange exchange, HttpStatus status,
            String error, String description, boolean basicChallenge) {
        Map<String, Object> body = errorBody(exchange, error, description);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status).cacheControl(CacheControl.noStore());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, basicChallenge ? "Basic realm=\"mengkeju\""
                    : "Basic realm=\"mengkeju\", error=\"invalid_client\"");
        }
        return response.body(body);
    }
}
