package org.mengkeju.gateway.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelOption;
import org.mengkeju.gateway.routing.Downstream;
import org.mengkeju.gateway.routing.RoutePolicy;
import org.mengkeju.gateway.routing.ServiceUrls;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * Which services behind the gateway are ready, probed in the background every few seconds: the {@code downstream}
 * component of the gateway's health and readiness names each service and its state, and
 * {@code mengkeju_gateway_downstream_up{downstream}} carries the same for dashboards and alerts.
 *
 * <p>A service that is down makes the component {@link #DEGRADED}, not DOWN: the gateway still serves the other
 * services, so neither a load balancer nor the launcher should take it out of rotation or restart it. Health
 * aggregation ignores a status it does not order, which is exactly what DEGRADED relies on.
 */
@Component("downstream")
public class DownstreamHealth implements HealthIndicator, SmartLifecycle {

    /** Some services behind the gateway are not ready; the gateway itself is. */
    public static final Status DEGRADED = new Status("DEGRADED", "some services behind the gateway are not ready");

    private static final Logger log = LoggerFactory.getLogger(DownstreamHealth.class);

    /** What the last probe of a service found. */
    record Probe(boolean ready, String state, Instant checkedAt) {
    }

    private final Map<Downstream, URI> probeUrls = new EnumMap<>(Downstream.class);
    private final Map<Downstream, Probe> latest = new ConcurrentHashMap<>();
    private final DownstreamHealthPolicy policy;
    private final WebClient client;
    private volatile Disposable polling;

    public DownstreamHealth(ServiceUrls urls, RoutePolicy routes, DownstreamHealthPolicy policy,
            MeterRegistry meters) {
        this.policy = policy;
        for (Downstream service : Downstream.values()) {
            probeUrls.put(service, UriComponentsBuilder.fromUri(urls.of(service)).replacePath(policy.path())
                    .build().toUri());
            Gauge.builder("mengkeju.gateway.downstream.up", this, health -> health.isReady(service) ? 1 : 0)
                    .description("1 while the service answers its health check with 200, else 0")
                    // not "service": Prometheus gives every target of the gateway's scrape service="gateway"
                    .tag("downstream", service.serviceName())
                    .register(meters);
        }
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, Math.toIntExact(routes.connectTimeout().toMillis()))
                .responseTimeout(routes.connectTimeout());
        this.client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(http)).build();
    }

    @Override
    public Health health() {
        Map<String, Object> services = new LinkedHashMap<>();
        List<String> down = new ArrayList<>();
        for (Downstream service : Downstream.values()) {
            Probe probe = latest.get(service);
            services.put(service.serviceName(), probe == null ? "UNKNOWN (not probed yet)" : probe.state());
            if (probe != null && !probe.ready()) {
                down.add(service.serviceName());
            }
        }
        Health.Builder health = down.isEmpty() ? Health.up() : Health.status(DEGRADED).withDetail("down", down);
        return health.withDetail("services", services).build();
    }

    /** Whether the last probe found the service ready; false before the first. */
    public boolean isReady(Downstream service) {
        Probe probe = latest.get(service);
        return probe != null && probe.ready();
    }

    /** Probes every service once, now; the background rounds call the same. */
    public Mono<Void> probeAll() {
        return Flux.fromIterable(Arrays.asList(Downstream.values())).flatMap(this::probe).then();
    }

    private Mono<Void> probe(Downstream service) {
        return client.get().uri(probeUrls.get(service))
                .exchangeToMono(response -> response.releaseBody().thenReturn(response.statusCode().value()))
                .map(status -> new Probe(status == 200, status == 200 ? "UP" : "DOWN (health answered " + status + ")",
                        Instant.now()))
                .onErrorResume(failure -> Mono.just(new Probe(false, "DOWN (" + reason(failure) + ")", Instant.now())))
                .doOnNext(probe -> record(service, probe))
                .then();
    }

    private void record(Downstream service, Probe probe) {
        Probe before = latest.put(service, probe);
        // A change of state is worth a line; the same state every five seconds is not.
        if (before == null ? !probe.ready() : before.ready() != probe.ready()) {
            if (probe.ready()) {
                log.info("{} is ready again", service.serviceName());
            } else {
                log.warn("{} is not ready: {}", service.serviceName(), probe.state());
            }
        }
    }

    private static String reason(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String name = root.getClass().getSimpleName();
        return name.contains("Timeout") ? "no answer in time" : "cannot be reached";
    }

    @Override
    public void start() {
        // A round slower than the interval skips the next tick rather than piling rounds up.
        polling = Flux.interval(Duration.ZERO, policy.interval())
                .onBackpressureDrop()
                .concatMap(tick -> probeAll(), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = polling;
        if (current != null) {
            current.dispose();
        }
        polling = null;
    }

    @Override
    public boolean isRunning() {
        return polling != null;
    }
}
