package org.mengkeju.contract.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks that achievements are in the catalog (catalog-service) and fit the contract, behind a circuit breaker: a catalog that fails or
 * is slow opens it, and then a check answers "unavailable" at once instead of waiting for timeouts. A 404 is an
 * answer (the catalog does not know it), not a failure. An achievement the catalog knows fits when it is on the
 * market (published, under negotiation or transacted: a transacted one may still be licensed again) and, where the
 * seller is an institution of the platform, owned by that institution.
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
        /** The catalog knows them all, but some do not fit the contract ({@link Outcome#mismatches}). */
        MISMATCH,
        /** The catalog could not be asked: down, slow, refusing, or the breaker is open. */
        UNAVAILABLE
    }

    /**
     * A check's outcome; {@code unknown} lists the achievements the catalog does not know, {@code mismatches} why
     * known ones do not fit ({@code "<id>: <reason>"}).
     */
    public record Outcome(Verdict verdict, List<String> unknown, List<String> mismatches, String cause) {
    }

    /** The statuses of an achievement on the market (catalog-service's {@code AchievementStatus}). */
    static final Set<String> ON_THE_MARKET = Set.of("PUBLISHED", "UNDER_NEGOTIATION", "TRANSACTED");
    private static final JsonMapper JSON = JsonMapper.builder().build();

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

    /**
     * Asks the catalog for each achievement; {@code sellerInstitutionId} is the seller's institution on the platform,
     * or null for a seller from outside it (then ownership is not compared).
     */
    public Outcome check(List<String> achievementIds, String sellerInstitutionId) {
        List<String> unknown = new ArrayList<>();
        List<String> mismatches = new ArrayList<>();
        for (String id : achievementIds) {
            String answer;
            try {
                answer = breaker.executeSupplier(() -> catalog.achievement(id));
            } catch (FeignException.NotFound notInCatalog) {
                unknown.add(id);
                continue;
            } catch (CallNotPermittedException open) {
                return unavailable("the circuit breaker to the catalog is open");
            } catch (RuntimeException failed) {
                log.warn("achievement check of {} failed: {}", id, failed.toString());
                return unavailable(failed.getClass().getSimpleName());
            }
            mismatch(id, answer, sellerInstitutionId).ifPresent(mismatches::add);
        }
        if (!unknown.isEmpty()) {
            return new Outcome(Verdict.NOT_FOUND, List.copyOf(unknown), List.copyOf(mismatches), null);
        }
        return mismatches.isEmpty() ? new Outcome(Verdict.VERIFIED, List.of(), List.of(), null)
                : new Outcome(Verdict.MISMATCH, List.of(), List.copyOf(mismatches), null);
    }

    private static Outcome unavailable(String cause) {
        return new Outcome(Verdict.UNAVAILABLE, List.of(), List.of(), cause);
    }

    /** Why the achievement as the catalog shows it does not fit the contract, if it does not. */
    static Optional<String> mismatch(String id, String answer, String sellerInstitutionId) {
        JsonNode achievement;
        try {
            achievement = JSON.readTree(answer);
        } catch (JacksonException unreadable) {
            return Optional.of(id + ": the catalog's answer is not readable");
        }
        String status = achievement.path("status").asString("");
        if (!ON_THE_MARKET.contains(status)) {
            return Optional.of(id + ": not on the market (" + (status.isEmpty() ? "no status" : status) + ")");
        }
        String owner = achievement.path("ownerInstitutionId").asString("");
        if (sellerInstitutionId != null && !sellerInstitutionId.equals(owner)) {
            return Optional.of(id + ": owned by " + owner + ", not by the seller " + sellerInstitutionId);
        }
        return Optional.empty();
    }

    /** The breaker's state, e.g. {@code OPEN}, for health and tests. */
    public String breakerState() {
        return breaker.getState().name();
    }
}
