package org.mengkeju.catalog.figures;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.platform.metrics.BusinessFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The catalog's business figures for dashboards: {@code mengkeju_catalog_listings{status}}, the listings in each
 * status, counted at most once per {@code mengkeju.catalog.figures-refresh}.
 */
@Component
class CatalogFigures {

    static final String LISTINGS = "mengkeju.catalog.listings";

    CatalogFigures(MongoTemplate mongo, Clock clock, MeterRegistry meters,
            @Value("${mengkeju.catalog.figures-refresh:60s}") Duration refresh) {
        new BusinessFigures(mongo, clock, refresh, "achievements", "status").countEach(meters, LISTINGS, "status",
                Arrays.stream(AchievementStatus.values()).map(Enum::name).toList(),
                "listings in each status, counted at most once per refresh interval");
    }
}
