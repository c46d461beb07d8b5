package org.mengkeju.events;

/** Kafka topic names: one topic per event stream, keyed by aggregate id, a dead-letter topic beside each. */
public final class Topics {

    /** Achievement (科技成果) lifecycle, keyed by achievement id. */
    public static final String CATALOG_ACHIEVEMENTS = "mengkeju.catalog.achievements";

    /** Innovation-point (创新积分) transfers posted, keyed by account id. */
    public static final String POINTS_TRANSFERS = "mengkeju.points.transfers";

    private static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    /** The dead-letter topic beside {@code topic}, where poison messages go after bounded retries. */
    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
