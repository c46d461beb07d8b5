package org.mengkeju.matching.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.mengkeju.matching.demand.Demand;
import org.mengkeju.matching.demand.DemandBoard;
import org.mengkeju.matching.demand.DemandChanged;
import org.mengkeju.matching.supply.OfferedAchievement;
import org.mengkeju.matching.supply.OfferedAchievementChanged;
import org.mengkeju.matching.supply.OfferedAchievements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the search index in step with this service's own durable copies: the index of public achievements (itself
 * kept from the catalog's topic) and the demands. Every change is put as it happens; at start the index catches up
 * with whatever it missed (a crash before its last commit, a copy written while it was down) by going over both
 * collections, which costs little because a copy it already holds at that version is skipped. The index is
 * therefore a cache: deleting its folder loses nothing but the time to rebuild it.
 */
@Component
class SearchFeed {

    private static final Logger log = LoggerFactory.getLogger(SearchFeed.class);
    private static final int BATCH = 500;

    private final SearchIndex index;
    private final OfferedAchievements achievements;
    private final DemandBoard demands;
    private final AtomicBoolean caughtUp = new AtomicBoolean();

    SearchFeed(SearchIndex index, OfferedAchievements achievements, DemandBoard demands) {
        this.index = index;
        this.achievements = achievements;
        this.demands = demands;
    }

    @EventListener
    void on(OfferedAchievementChanged changed) {
        try {
            // The copy as written; a newer one written meanwhile comes with its own event, and the index keeps the
            // newer of two versions whatever their order.
            Optional.ofNullable(changed.copy()).or(() -> achievements.held(changed.achievementId()))
                    .map(SearchFeed::searchable).ifPresent(index::put);
        } catch (RuntimeException e) {
            // The copy is safe in the store; the next catch-up puts it in the index.
            log.warn("achievement {} not indexed for search yet: {}", changed.achievementId(), e.toString());
        }
    }

    @EventListener
    void on(DemandChanged changed) {
        try {
            demands.held(changed.demandId()).map(SearchFeed::searchable).ifPresent(index::put);
        } catch (RuntimeException e) {
            log.warn("demand {} not indexed for search yet: {}", changed.demandId(), e.toString());
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void catchUpInTheBackground() {
        Thread.ofVirtual().name("search-catch-up").start(this::catchUp);
    }

    /** Puts every copy the index does not hold at its version; returns how many it put. */
    int catchUp() {
        int put = 0;
        String after = "";
        List<OfferedAchievement> page;
        do {
            page = achievements.heldAfter(after, BATCH);
            put += index.putAll(page.stream().map(SearchFeed::searchable).toList());
            after = page.isEmpty() ? after : page.getLast().id();
        } while (page.size() == BATCH);
        after = "";
        List<Demand> demandPage;
        do {
            demandPage = demands.heldAfter(after, BATCH);
            put += index.putAll(demandPage.stream().map(SearchFeed::searchable).toList());
            after = demandPage.isEmpty() ? after : demandPage.getLast().id();
        } while (demandPage.size() == BATCH);
        index.commit();
        caughtUp.set(true);
        log.info("search index caught up: {} copies put", put);
        return put;
    }

    /** Whether the catch-up after start has finished. */
    boolean caughtUp() {
        return caughtUp.get();
    }

    @Scheduled(fixedDelayString = "${mengkeju.matching.search.commit-millis:5000}")
    void commit() {
        index.commit();
    }

    static Searchable searchable(OfferedAchievement a) {
        return new Searchable(a.id(), Searchable.Kind.ACHIEVEMENT, a.title(),
                Searchable.achievementBody(a.title(), a.summary(), a.terms()), a.industryChain(),
                a.regionCode(), a.maturity(), Set.copyOf(a.transferModes()), a.askingPriceYuan(), a.catalogVersion(),
                a.offered());
    }

    static Searchable searchable(Demand d) {
        List<String> body = new ArrayList<>();
        if (d.problem() != null) {
            body.add(d.problem());
        }
        if (d.field() != null) {
            body.add(d.field());
        }
        Set<String> modes = new java.util.LinkedHashSet<>();
        d.transferModes().forEach(m -> modes.add(m.name()));
        return new Searchable(d.id(), Searchable.Kind.DEMAND, d.title(), body.isEmpty() ? null : String.join("\n", body),
                d.industryChain().name(), d.region().value(),
                d.wantedMaturity() == null ? null : d.wantedMaturity().name(), modes, d.budget().maxYuan(),
                d.version() == null ? 0 : d.version(), d.isSeekingSolutions());
    }
}
