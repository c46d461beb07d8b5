package org.mengkeju.catalog.achievement;

import java.util.UUID;

/** The catalog's id of an achievement, e.g. {@code ach-7f3c2a9e41d84b0c}. */
public record AchievementId(String value) {

    public static AchievementId next() {
        return new AchievementId("ach-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
    }
}
