package org.mengkeju.platform.metrics;

/** Metric names every service shares, so one dashboard reads them all. Prometheus adds the unit suffixes. */
public final class MetricNames {

    /** Counter, tags topic and type: events published by the outbox relay and acknowledged by Kafka. */
    public static final String OUTBOX_PUBLISHED = "mengkeju.outbox.published";
    /** Counter, tag topic: publish attempts that failed; the events stay pending and are retried. */
    public static final String OUTBOX_FAILURES = "mengkeju.outbox.failures";
    /** Timer, tag topic: from the state change that recorded an event to Kafka's acknowledgement. */
    public static final String OUTBOX_LAG = "mengkeju.outbox.lag";
    /** Gauge, tag collection: aggregates that still hold unpublished events. */
    public static final String OUTBOX_PENDING = "mengkeju.outbox.pending";
    /** Counter, tags topic and type: outbox events parked after failing permanently on every attempt. */
    public static final String OUTBOX_PARKED = "mengkeju.outbox.parked";
    /** Counter, tags topic and reason: records sent to a dead-letter topic after retries ran out. */
    public static final String EVENTS_DEAD_LETTERED = "mengkeju.events.dead.lettered";
    /** Counter, tags topic and group: dead letters an operator replayed to their topic. */
    public static final String EVENTS_REPLAYED = "mengkeju.events.replayed";
    /** Counter, tags type and outcome (applied, duplicate): events handled by consumers. */
    public static final String EVENTS_CONSUMED = "mengkeju.events.consumed";

    private MetricNames() {
    }
}
