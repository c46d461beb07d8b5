package org.mengkeju.gateway.apidocs;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.mengkeju.gateway.requestid.RequestIdFilter;
import org.mengkeju.gateway.routing.Downstream;
import org.mengkeju.gateway.routing.RoutePolicy;
import org.mengkeju.gateway.routing.ServiceUrls;
import org.mengkeju.platform.apidocs.ApiKeyScheme;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.RequestIds;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI index: which services publish a document, and each document fetched from the service's springdoc
 * endpoint. Open without an API key, like the services' own documents, so that partners can read the contract
 * before they hold a key.
 */
@RestController
@RequestMapping("/api-docs")
class ApiDocsController {

    /** springdoc's default path, where every service serves its document. */
    static final String SERVICE_DOCS_PATH = "/v3/api-docs";
    /** Where the gateway serves its own document (springdoc, the same default path). */
    static final String GATEWAY_DOCS_PATH = "/v3/api-docs";
    /** OpenAPI documents of large services pass Spring's 256 KB default buffer. */
    private static final int MAX_DOCUMENT_BYTES = 8 * 1024 * 1024;
    private static final String SERVICE_SUFFIX = "-service";

    /** One service's document: {@code name} is the service's name without "-service", as in {@code /api-docs/<name>}. */
    record ServiceDocument(String name, String service, String url) {
    }

    /**
     * The index, with what holds for every document it lists: how to authenticate, stated as an OpenAPI security
     * scheme and requirement.
     */
    record Index(String title, String description, List<ServiceDocument> services, GatewayDocument gateway,
            Map<String, Object> components, List<Map<String, List<String>>> security) {
    }

    /** The document of the gateway's own API: client management and the token endpoint. */
    record GatewayDocument(String name, String url) {
    }

    static final String INDEX_TITLE = "蒙科聚 API";
    static final String INDEX_DESCRIPTION = "The OpenAPI documents of the services behind the 蒙科聚 API gateway, one "
            + "per service. Every /api call goes through this gateway with the API key issued to your system in the "
            + ApiKeyScheme.HEADER + " header; errors are RFC 9457 problems (application/problem+json).";

    private final ServiceUrls urls;
    private final JsonMapper json;
    private final WebClient client;

    ApiDocsController(ServiceUrls urls, RoutePolicy policy, JsonMapper json) {
        this.urls = urls;
        this.json = json;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(policy.connectTimeout().toMillis()))
                .responseTimeout(policy.responseTimeout());
        this.client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(MAX_DOCUMENT_BYTES))
                .build();
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Index index(ServerHttpRequest request) {
        String gateway = gatewayUrl(request);
        return new Index(INDEX_TITLE, INDEX_DESCRIPTION, Arrays.stream(Downstream.values())
                .map(service -> new ServiceDocument(documentName(service), service.serviceName(),
                        gateway + "/api-docs/" + documentName(service)))
                .toList(),
                new GatewayDocument("gateway", gateway + GATEWAY_DOCS_PATH),
                Map.of("securitySchemes", Map.of(ApiKeyScheme.NAME, ApiKeyScheme.asOpenApi())),
                List.of(Map.of(ApiKeyScheme.NAME, List.of())));
    }

    /**
     * A service's name in the index and in {@code /api-docs/<name>}: its module's name without "-service"
     * ({@code contract-service} is {@code contract}), so that a service has one name wherever it appears.
     */
    static String documentName(Downstream service) {
        String name = service.serviceName();
        return name.endsWith(SERVICE_SUFFIX) ? name.substring(0, name.length() - SERVICE_SUFFIX.length()) : name;
    }

    static Optional<Downstream> byDocumentName(String name) {
        return Arrays.stream(Downstream.values()).filter(service -> documentName(service).equals(name)).findFirst();
    }

    @GetMapping(path = "/{service}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<JsonNode> document(@PathVariable String service, ServerWebExchange exchange) {
        Downstream downstream = byDocumentName(service).orElse(null);
        if (downstream == null) {
            return Mono.error(new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "no service '" + service + "' publishes API docs; GET /api-docs lists those that do"));
        }
        URI source = UriComponentsBuilder.fromUri(urls.of(downstream)).replacePath(SERVICE_DOCS_PATH).build().toUri();
        String requestId = exchange.getAttribute(RequestIdFilter.ATTRIBUTE);
        return client.get().uri(source)
                .accept(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (requestId != null) {
                        headers.set(RequestIds.HEADER, requestId);
                    }
                })
                .retrieve()
                .bodyToMono(byte[].class)
                .map(body -> servedThroughGateway(downstream, body, gatewayUrl(exchange.getRequest())))
                .onErrorMap(failure -> !(failure instanceof ApiProblem), failure -> unavailable(downstream, failure));
    }

    /**
     * The document as the service wrote it, except that its servers are the gateway: callers cannot reach a
     * service directly, and paths are forwarded unchanged, so the gateway's base URL is the right server.
     */
    private JsonNode servedThroughGateway(Downstream service, byte[] body, String gateway) {
        JsonNode document;
        try {
            document = json.readTree(body);
        } catch (JacksonException e) {
            throw badDocument(service);
        }
        if (!(document instanceof ObjectNode object)) {
            throw badDocument(service);
        }
        object.putArray("servers").addObject().put("url", gateway).put("description", "蒙科聚 API gateway");
        withApiKeyScheme(object);
        return object;
    }

    /** The gateway checks the key, so every document it serves says so, whatever the service's own says. */
    private void withApiKeyScheme(ObjectNode document) {
        JsonNode components = document.path("components");
        ObjectNode schemes = components instanceof ObjectNode c
                ? (c.get("securitySchemes") instanceof ObjectNode existing ? existing : c.putObject("securitySchemes"))
                : document.putObject("components").putObject("securitySchemes");
        schemes.set(ApiKeyScheme.NAME, json.valueToTree(ApiKeyScheme.asOpenApi()));
        boolean required = false;
        for (JsonNode requirement : document.path("security")) {
            required |= requirement.has(ApiKeyScheme.NAME);
        }
        if (!required) {
            (document.get("security") instanceof tools.jackson.databind.node.ArrayNode security ? security
                    : document.putArray("security")).addObject().putArray(ApiKeyScheme.NAME);
        }
    }

    private static ApiProblem badDocument(Downstream service) {
        return new ApiProblem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway",
                service.serviceName() + " answered something that is not an OpenAPI document");
    }

    private static ApiProblem unavailable(Downstream service, Throwable failure) {
        if (failure instanceof WebClientResponseException response) {
            return new ApiProblem(HttpStatus.BAD_GATEWAY, "bad-gateway", "Bad gateway", service.serviceName()
                    + " answered " + response.getStatusCode().value() + " for its API docs");
        }
        boolean slow = failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException
                || failure instanceof WebClientRequestException request
                        && request.getCause() instanceof io.netty.handler.timeout.ReadTimeoutException;
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service.serviceName() + (slow ? " did not answer in time" : " cannot be reached")
                        + "; try again shortly");
    }

    /** Honours X-Forwarded-* when {@code server.forward-headers-strategy} is set, as the request URI then does. */
    private static String gatewayUrl(ServerHttpRequest request) {
        return UriComponentsBuilder.fromUri(request.getURI()).replacePath(null).replaceQuery(null).fragment(null)
                .build().toUriString();
    }
}
