package org.mengkeju.catalog.figures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The catalog's business figures for dashboards: {@code mengkeju_catalog_listings{status}}, the listings in each
 * status. Counted by one aggregation when the metrics are read and the last count is older than
 * {@code mengkeju.catalog.figures-refresh}, so an unwatched service counts nothing and a watched one counts at most
 * once per interval, however often it is scraped.
 */
@Component
class CatalogFigures {

    static final String LISTINGS = "mengkeju.catalog.listings";

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration refresh;
    private volatile Map<AchievementStatus, Long> counts = new EnumMap<>(AchievementStatus.class);
    private volatile Instant countedAt = Instant.EPOCH;

    CatalogFigures(MongoTemplate mongo, Clock clock, MeterRegistry meters,
            @Value("${mengkeju.catalog.figures-refresh:60s}") Duration refresh) {
        this.mongo = mongo;
        this.clock = clock;
        this.refresh = refresh;
        for (AchievementStatus status : AchievementStatus.values()) {
            Gauge.builder(LISTINGS, this, figures -> figures.listings(status))
                    .description("listings in each status, counted at most once per refresh interval")
                    .tag("status", status.name()).register(meters);
        }
    }

    long listings(AchievementStatus status) {
        if (countedAt.plus(refresh).isBefore(clock.instant())) {
            recount();
        }
        return counts.getOrDefault(status, 0L);
    }

    private synchronized void recount() {
        if (!countedAt.plus(refresh).isBefore(clock.instant())) {
            return; // another scrape thread counted meanwhile
        }
        Map<AchievementStatus, Long> fresh = new EnumMap<>(AchievementStatus.class);
        for (Document group : mongo.getCollection("achievements").aggregate(List.of(
                Aggregates.group("$status", Accumulators.sum("n", 1))))) {
            String status = group.getString("_id");
            if (status != null) {
                fresh.put(AchievementStatus.valueOf(status), group.get("n", Number.class).longValue());
            }
        }
        counts = fresh;
        countedAt = clock.instant();
    }
}
