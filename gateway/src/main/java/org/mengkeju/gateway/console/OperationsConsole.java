package org.mengkeju.gateway.console;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.netty.channel.ChannelOption;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.gateway.console.OperationsOverview.Figure;
import org.mengkeju.gateway.console.OperationsOverview.ServiceOverview;
import org.mengkeju.gateway.routing.Downstream;
import org.mengkeju.gateway.routing.RoutePolicy;
import org.mengkeju.gateway.routing.ServiceUrls;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Service;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations console's side of the gateway (运维控制台): who may use it, the overview it reads from every service
 * (health with its components, the outbox backlog, the dead-letter backlog, the business figures), and the
 * services' dead-letter desks, called with an identity signed for the one service asked, as any routed call is.
 *
 * <p>Only an OPERATOR uses it. The services check the role again on their dead-letter desks; their health details
 * and metrics are for the platform's own network, which is why the gateway, not the browser, reads them.
 */
@Service
public class OperationsConsole {

    static final String DEAD_LETTERS_PATH = "/ops/dead-letters";
    static final int MAX_LIMIT = 500;
    private static final Pattern DEAD_LETTER_ID = Pattern.compile("[A-Za-z0-9._-]{1,249}:\\d{1,6}:\\d{1,19}");
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(40);

    private final ServiceUrls urls;
    private final IdentitySigner signer;
    private final JsonMapper json;
    private final Clock clock;
    private final WebClient client;

    public OperationsConsole(ServiceUrls urls, IdentitySigner signer, JsonMapper json, RoutePolicy routes) {
        this.urls = urls;
        this.signer = signer;
        this.json = json;
        this.clock = Clock.systemUTC();
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(routes.connectTimeout().toMillis()));
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    /** The operations team (运维) only: health details, figures and dead letters are the platform's, not a client's. */
    public static boolean mayOperate(AuthenticatedClient caller) {
        return caller != null && caller.role() == ClientRole.OPERATOR;
    }

    /** Every service's health, backlogs and figures, read now and in parallel; a service that does not answer says so. */
    public Mono<OperationsOverview> overview(AuthenticatedClient caller) {
        CallerIdentity operator = requireOperator(caller);
        return Flux.fromIterable(Arrays.asList(Downstream.values()))
                .flatMapSequential(service -> overviewOf(service, operator))
                .collectList()
                .map(services -> new OperationsOverview(clock.instant(), services));
    }

    /** The dead letters of one service, as its desk lists them (newest first, at most {@code limit}). */
    public Mono<ResponseEntity<String>> deadLetters(AuthenticatedClient caller, String serviceName, Integer limit) {
        CallerIdentity operator = requireOperator(caller);
        Downstream service = service(serviceName);
        int checkedLimit = limit == null ? 100 : limit;
        if (checkedLimit < 1 || checkedLimit > MAX_LIMIT) {
            throw ApiProblem.invalid("invalid-parameter", "Invalid parameter",
                    "limit " + checkedLimit + " is out of range: 1 to " + MAX_LIMIT);
        }
        URI uri = UriComponentsBuilder.fromUri(urls.of(service)).path(DEAD_LETTERS_PATH)
                .queryParam("limit", checkedLimit).build().toUri();
        return relay(HttpMethod.GET, uri, service, operator, CALL_TIMEOUT);
    }

    /** Asks one service's desk to replay one dead letter; the desk makes it happen once. */
    public Mono<ResponseEntity<String>> replay(AuthenticatedClient caller, String serviceName, String deadLetterId) {
        CallerIdentity operator = requireOperator(caller);
        Downstream service = service(serviceName);
        if (deadLetterId == null || !DEAD_LETTER_ID.matcher(deadLetterId).matches()) {
            throw ApiProblem.invalid("invalid-dead-letter-id", "Invalid dead-letter id", "deadLetterId is not "
                    + "<dead-letter topic>:<partition>:<offset>, e.g. "
                    + "mengkeju.catalog.achievements.points-achievement-awards.dlt:0:42");
        }
        URI uri = UriComponentsBuilder.fromUri(urls.of(service)).path(DEAD_LETTERS_PATH)
                .pathSegment(deadLetterId, "replay").build().encode().toUri();
        return relay(HttpMethod.POST, uri, service, operator, REPLAY_TIMEOUT);
    }

    private static CallerIdentity requireOperator(AuthenticatedClient caller) {
        if (!mayOperate(caller)) {
            throw ApiProblem.forbidden("the operations console is for OPERATOR clients only; client "
                    + (caller == null ? "unknown" : caller.clientId() + " is a " + caller.role()));
        }
        return caller.identity().orElseThrow();
    }

    private static Downstream service(String name) {
        return Downstream.byKey(name).orElseThrow(() -> ApiProblem.notFound("service", name + " (the services are "
                + Arrays.stream(Downstream.values()).map(Downstream::key).toList() + ")"));
    }

    /** The service's answer as it is (status, JSON or problem body); a service that does not answer is a 503. */
    private Mono<ResponseEntity<String>> relay(HttpMethod method, URI uri, Downstream service,
            CallerIdentity operator, Duration timeout) {
        return client.method(method).uri(uri)
                .header(IdentityToken.HEADER, signer.issue(operator, service.serviceName()))
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("")
                        .map(body -> ResponseEntity.status(response.statusCode())
                                .contentType(response.headers().contentType().orElse(MediaType.APPLICATION_JSON))
                                .body(body)))
                .timeout(timeout)
                .onErrorMap(failure -> !(failure instanceof ApiProblem), failure -> new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                        service.serviceName() + " did not answer; try again when it is ready"));
    }

    private Mono<ServiceOverview> overviewOf(Downstream service, CallerIdentity operator) {
        String token = signer.issue(operator, service.serviceName());
        Mono<JsonNode> health = getJson(service, "/actuator/health", token);
        Mono<String> metrics = client.get().uri(URI.create(urls.of(service) + "/actuator/prometheus"))
                .accept(MediaType.parseMediaType("text/plain;version=0.0.4"))
                .retrieve().bodyToMono(String.class).timeout(CALL_TIMEOUT)
                .onErrorResume(failure -> Mono.just(""));
        Mono<JsonNode> deadLetters = getJson(service, DEAD_LETTERS_PATH + "/summary", token);
        return Mono.zip(health.defaultIfEmpty(json.nullNode()), metrics, deadLetters.defaultIfEmpty(json.nullNode()))
                .map(read -> serviceOverview(service, read.getT1(), read.getT2(), read.getT3()));
    }

    /** A JSON answer of the service, whatever its status (health answers 503 with a body when DOWN); empty if none. */
    private Mono<JsonNode> getJson(Downstream service, String path, String token) {
        return client.get().uri(URI.create(urls.of(service) + path))
                .header(IdentityToken.HEADER, token)
                .accept(MediaType.APPLICATION_JSON, MediaType.parseMediaType("application/vnd.spring-boot.actuator.v3+json"))
                .exchangeToMono(response -> response.bodyToMono(String.class)
                        .map(body -> response.statusCode().is2xxSuccessful()
                                || response.statusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()
                                ? body : ""))
                .timeout(CALL_TIMEOUT)
                .map(this::readJson)
                .onErrorResume(failure -> Mono.empty());
    }

    private JsonNode readJson(String body) {
        try {
            return body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (RuntimeException notJson) {
            return json.nullNode();
        }
    }

    private static ServiceOverview serviceOverview(Downstream service, JsonNode health, String metrics,
            JsonNode deadLetters) {
        String status = health.isObject() && health.has("status") ? health.path("status").asString() : "UNREACHABLE";
        Map<String, String> components = new LinkedHashMap<>();
        health.path("components").properties().forEach(component ->
                components.put(component.getKey(), component.getValue().path("status").asString()));
        String ownPrefix = "mengkeju_" + service.key() + "_";
        List<Figure> figures = new ArrayList<>();
        Long outboxPending = null;
        for (PrometheusText.Sample sample : PrometheusText.parse(metrics)) {
            if (sample.name().equals("mengkeju_outbox_pending")) {
                outboxPending = (outboxPending == null ? 0 : outboxPending) + Math.round(sample.value());
            } else if (sample.name().startsWith(ownPrefix) && Double.isFinite(sample.value())) {
                figures.add(new Figure(sample.name(), sample.labels().get("status"), sample.value()));
            }
        }
        boolean listed = deadLetters.isObject() && deadLetters.has("total");
        String problem = "UNREACHABLE".equals(status) ? service.serviceName() + " did not answer its health check"
                : metrics.isEmpty() ? service.serviceName() + " did not answer with its metrics" : null;
        return new ServiceOverview(service.key(), service.serviceName(), status, components, outboxPending,
                listed ? deadLetters.path("total").asLong() : null,
                listed ? deadLetters.path("awaitingReplay").asLong() : null, figures, problem);
    }
}
