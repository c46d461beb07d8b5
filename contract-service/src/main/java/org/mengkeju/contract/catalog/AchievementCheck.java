package org.mengkeju.contract.catalog;

import java.util.ArrayList;
import java.util.List;

import feign.FeignException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Checks that achievements are in the catalog (catalog-service), behind a circuit breaker: a catalog that fails or
 * is slow opens it, and then a check answers "unavailable" at once instead of waiting for timeouts. A 404 is an
 * answer (the catalog does not know it), not a failure.
 */
@Component
@EnableConfigurationProperties(CatalogProperties.class)
public class AchievementCheck {

    private static final Logger log = LoggerFactory.getLogger(AchievementCheck.class);

    /** What the catalog said. */
    public enum Verdict {
        /** Every achievement is in the catalog. */
        VERIFIED,
        /** The catalog answered and does not know some of them ({@link Outcome#unknown}). */
        NOT_FOUND,
        /** The catalog could not be asked: down, slow, refusing, or the breaker is open. */
        UNAVAILABLE
    }

    /** A check's outcome; {@code unknown} lists the achievements the catalog does not know. */
    public record Outcome(Verdict verdict, List<String> unknown, String cause) {
    }

    private final CatalogClient catalog;
    private final CircuitBreaker breaker;

    AchievementCheck(CatalogClient catalog, CatalogProperties properties, MeterRegistry meters) {
        this.catalog = catalog;
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowSize(properties.window())
                .minimumNumberOfCalls(properties.minimumCalls())
                .failureRateThreshold(properties.failureRate())
                .waitDurationInOpenState(properties.openFor())
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .permittedNumberOfCallsInHalfOpenState(1)
                // A 404 means the catalog works and said no.
                .recordException(e -> !(e instanceof FeignException.NotFound))
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        this.breaker = registry.circuitBreaker("catalog");
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
    }

    public Outcome check(List<String> achievementIds) {
        List<String> unknown = new ArrayList<>();
        for (String id : achievementIds) {
            try {
                breaker.executeSupplier(() -> catalog.achievement(id));
            } catch (FeignException.NotFound notInCatalog) {
                unknown.add(id);
            } catch (CallNotPermittedException open) {
                return new Outcome(Verdict.UNAVAILABLE, List.of(), "the circuit breaker to the catalog is open");
            } catch (RuntimeException failed) {
                log.warn("achievement check of {} failed: {}", id, failed.toString());
                return new Outcome(Verdict.UNAVAILABLE, List.of(), failed.getClass().getSimpleName());
            }
        }
        return unknown.isEmpty() ? new Outcome(Verdict.VERIFIED, List.of(), null)
                : new Outcome(Verdict.NOT_FOUND, List.copyOf(unknown), null);
    }

    /** The breaker's state, e.g. {@code OPEN}, for health and tests. */
    public String breakerState() {
        return breaker.getState().name();
    }
}
