package org.mengkeju.matching.supply;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.platform.test.TestEvents;

/** Achievement lifecycle events as the catalog publishes them, for feeding the index in tests. */
public final class CatalogEvents {

    private CatalogEvents() {
    }

    /** A step of a listing's life with the listing as it stands after it. */
    public static AchievementChanged step(String id, String toStatus, long version, String title, String summary,
            String chain, String maturity, List<String> modes, String price, String region) {
        return new AchievementChanged(id, "PUBLISHED".equals(toStatus) ? "PUBLISH" : "WITHDRAW", "UNDER_REVIEW",
                toStatus, "ops-console", null, List.of(), title, summary, null, List.of(), "imust", chain, maturity,
                null, modes, price == null ? null : new BigDecimal(price), null, null, region, null, version,
                Instant.parse("2026-11-20T02:30:00Z"), List.of());
    }

    /** The wet cerium-recovery process of the examples, published at the given version. */
    public static AchievementChanged wetCeriumRecovery(String id, String toStatus, long version) {
        return step(id, toStatus, version, "稀土抛光粉废料湿法回收氧化铈工艺",
                "以盐酸优溶与草酸沉淀回收抛光粉废料中的氧化铈，纯度99.95%，酸耗降低30%。", "RARE_EARTHS", "PILOT",
                List.of("LICENCE", "ASSIGNMENT"), "1200000.00", "150200");
    }

    /** Publishes the event on the catalog's topic under a new event id; returns the id. */
    public static String publish(String kafka, AchievementChanged changed) {
        String eventId = UUID.randomUUID().toString();
        publish(kafka, changed, eventId);
        return eventId;
    }

    public static void publish(String kafka, AchievementChanged changed, String eventId) {
        TestEvents.publish(kafka, AchievementChanged.CONTRACT, changed.achievementId(), eventId,
                "/mengkeju/catalog-service", changed);
    }
}
