package org.mengkeju.events.catalog;

import java.time.Instant;
import java.time.LocalDate;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A thematic release session or roadshow (专题发布会/路演) was scheduled: a day, a place, an industry chain.
 *
 * @param sessionId     the catalog's id of the session, e.g. {@code ses-0193a7c2e4f1-5b8d09aa}
 * @param title         its title, e.g. 稀土新材料专场成果发布会
 * @param industryChain the region's key industry chain it is about
 * @param date          the day it takes place, a local day in Asia/Shanghai
 * @param place         where, e.g. 包头稀土高新区科技大厦
 * @param regionCode    the league-city (盟市) that holds it; absent for a region-wide session
 * @param scheduledBy   the API client that scheduled it
 * @param scheduledAt   when it was scheduled (UTC)
 */
public record ReleaseSessionScheduled(
        String sessionId,
        String title,
        String industryChain,
        LocalDate date,
        String place,
        String regionCode,
        String scheduledBy,
        Instant scheduledAt) {

    public static final EventContract<ReleaseSessionScheduled> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.session.scheduled.v1", Topics.CATALOG_SESSIONS, ReleaseSessionScheduled.class);
}
