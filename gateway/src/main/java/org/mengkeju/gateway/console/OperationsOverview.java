package org.mengkeju.gateway.console;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What the operations console (运维控制台) shows at a glance, gathered by the gateway from every service at the
 * moment of asking.
 *
 * @param generatedAt when the gateway asked
 * @param services    one entry per service behind the gateway, in the platform's order
 */
@Schema(description = "Health, backlogs and business figures of every service, read when asked")
record OperationsOverview(
        @Schema(example = "2026-11-30T08:00:00Z") Instant generatedAt,
        List<ServiceOverview> services) {

    /**
     * @param name                     the service's name in the API ({@code catalog})
     * @param service                  its application ({@code catalog-service})
     * @param status                   its health as it reported it ({@code UP}, {@code DOWN}), or
     *                                 {@code UNREACHABLE} when it did not answer
     * @param components               the status of each health component (mongo, kafka, consumers, ...)
     * @param outboxPending            aggregates holding events not yet published (the outbox backlog), or null
     * @param deadLetters              dead letters its consumer groups hold, or null when unknown
     * @param deadLettersAwaitingReplay of them, those not replayed yet (the dead-letter backlog), or null
     * @param figures                  its business figures ({@code mengkeju_<name>_*} gauges)
     * @param problem                  what went wrong reading it, or null
     */
    @Schema(description = "One service: health, outbox and dead-letter backlog, business figures")
    record ServiceOverview(
            @Schema(example = "catalog") String name,
            @Schema(example = "catalog-service") String service,
            @Schema(example = "UP") String status,
            @Schema(example = "{\"mongo\":\"UP\",\"kafka\":\"UP\"}") Map<String, String> components,
            @Schema(example = "0") Long outboxPending,
            @Schema(example = "2") Long deadLetters,
            @Schema(example = "1") Long deadLettersAwaitingReplay,
            List<Figure> figures,
            @Schema(example = "null") String problem) {
    }

    /**
     * One business figure as the service's metrics state it.
     *
     * @param metric its Prometheus name ({@code mengkeju_catalog_listings})
     * @param status its {@code status} label, or null when it has none
     * @param value  its value
     */
    @Schema(description = "A business figure: a gauge of the service, by status where it has one")
    record Figure(
            @Schema(example = "mengkeju_catalog_listings") String metric,
            @Schema(example = "PUBLISHED") String status,
            @Schema(example = "240") double value) {
    }
}
