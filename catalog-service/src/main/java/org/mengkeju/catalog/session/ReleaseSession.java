package org.mengkeju.catalog.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.events.catalog.AchievementListedInSession;
import org.mengkeju.events.catalog.ReleaseSessionScheduled;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A thematic release session or roadshow (专题发布会/路演): a day, a place, an industry chain, and the published
 * achievements presented there. Inquiries that name the session are what it brought in; listings of its programme that
 * were later transacted are the deals that followed.
 */
@Document("releaseSessions")
@CompoundIndex(name = "creation_idempotency", def = "{'scheduledBy': 1, 'idempotencyKey': 1}", unique = true)
public class ReleaseSession extends OutboxAggregate {

    /**
     * The most achievements one session presents. The region's 45 sessions published 297 results and demands, a
     * handful each; the bound keeps the programme, which lives in the session's document, small.
     */
    static final int MAX_PROGRAMME = 300;

    @Id
    private final String id;
    private final String title;
    private final IndustryChain industryChain;
    /** The local day in Asia/Shanghai, ISO ({@code 2026-12-08}): stored as text so no time zone ever shifts it. */
    private final String date;
    private final String place;
    /** The league-city holding it; null for a region-wide session. */
    private final String regionCode;
    private final String scheduledBy;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant scheduledAt;
    /** The achievements presented, in the order they were put on the programme. */
    private final List<ListedAchievement> programme;
    @Version
    private Long version;

    @PersistenceCreator
    ReleaseSession(String id, String title, IndustryChain industryChain, String date, String place,
            String regionCode, String scheduledBy, String idempotencyKey, String requestFingerprint,
            Instant scheduledAt, List<ListedAchievement> programme, Long version) {
        this.id = id;
        this.title = title;
        this.industryChain = industryChain;
        this.date = date;
        this.place = place;
        this.regionCode = regionCode;
        this.scheduledBy = scheduledBy;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.scheduledAt = scheduledAt;
        this.programme = programme == null ? new ArrayList<>() : new ArrayList<>(programme);
        this.version = version;
    }

    /** A newly scheduled session with an empty programme; records {@link ReleaseSessionScheduled}. */
    static ReleaseSession schedule(SessionId id, SessionDetails details, String regionCode, String scheduledBy,
            String idempotencyKey, String requestFingerprint, Instant now) {
        ReleaseSession session = new ReleaseSession(id.value(), details.title(), details.industryChain(),
                details.date().toString(), details.place(), regionCode, scheduledBy, idempotencyKey,
                requestFingerprint, now, List.of(), null);
        session.record(ReleaseSessionScheduled.CONTRACT, session.id, new ReleaseSessionScheduled(session.id,
                session.title, session.industryChain.name(), details.date(), session.place, regionCode, scheduledBy,
                now), now);
        return session;
    }

    /**
     * Puts an achievement on the programme and records {@link AchievementListedInSession}. Listing one that is
     * already there changes nothing, so a repeated request is harmless. Whether the achievement may be presented
     * (published, still on offer) is the application service's check; this holds the programme's own rules.
     *
     * @return whether this call added it
     * @throws ProgrammeFull when the programme already holds {@link #MAX_PROGRAMME} achievements
     */
    boolean list(String achievementId, String ownerInstitutionId, String actor, Instant now) {
        if (lists(achievementId)) {
            return false;
        }
        if (programme.size() >= MAX_PROGRAMME) {
            throw new ProgrammeFull(id);
        }
        programme.add(new ListedAchievement(achievementId, ownerInstitutionId, actor, now));
        record(AchievementListedInSession.CONTRACT, id, new AchievementListedInSession(id, achievementId,
                ownerInstitutionId, actor, now), now);
        return true;
    }

    public boolean lists(String achievementId) {
        return programme.stream().anyMatch(listed -> listed.achievementId().equals(achievementId));
    }

    /** A programme that holds as many achievements as one session presents. */
    static final class ProgrammeFull extends IllegalStateException {
        ProgrammeFull(String sessionId) {
            super("session " + sessionId + " already presents " + MAX_PROGRAMME + " achievements, the most one "
                    + "session holds; schedule another session for the rest");
        }
    }

    boolean wasScheduledFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public IndustryChain industryChain() {
        return industryChain;
    }

    public LocalDate date() {
        return LocalDate.parse(date);
    }

    public String place() {
        return place;
    }

    public String regionCode() {
        return regionCode;
    }

    public String scheduledBy() {
        return scheduledBy;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    public List<ListedAchievement> programme() {
        return List.copyOf(programme);
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
