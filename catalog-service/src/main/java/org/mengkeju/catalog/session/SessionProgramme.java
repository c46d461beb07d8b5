package org.mengkeju.catalog.session;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mengkeju.catalog.achievement.Achievement;
import org.mengkeju.catalog.achievement.AchievementCatalog;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.catalog.achievement.Achievements;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.institution.RegionCode;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * The use cases on release sessions and roadshows (专题发布会/路演): schedule one, put published achievements on its
 * programme, read it, count what it brought in. Operators organise any session; a sub-center those of its own
 * league-city. Sessions are public announcements: every identified caller reads them; their results are the
 * organisers'.
 */
@Service
public class SessionProgramme {

    private static final Logger log = LoggerFactory.getLogger(SessionProgramme.class);
    static final int MAX_PAGE = 200;
    /** Sessions are held in the region's local time; a session's day is a day there. */
    static final ZoneId REGION_TIME = ZoneId.of("Asia/Shanghai");
    /** The earliest day a session may be recorded for: the platform records past roadshows, not ancient ones. */
    static final LocalDate EARLIEST_DAY = LocalDate.of(2015, 1, 1);
    /** How far ahead a session may be scheduled. */
    static final int YEARS_AHEAD = 3;
    /** How often a change that lost a race with another writer is re-applied to the fresh document. */
    private static final int ATTEMPTS = 20;

    private final ReleaseSessions sessions;
    private final AchievementCatalog catalog;
    private final Achievements achievements;
    private final SessionInquiries inquiries;
    private final OutboxAggregates aggregates;
    private final Clock clock;

    SessionProgramme(ReleaseSessions sessions, AchievementCatalog catalog, Achievements achievements,
            SessionInquiries inquiries, OutboxAggregates aggregates, Clock clock) {
        this.sessions = sessions;
        this.catalog = catalog;
        this.achievements = achievements;
        this.inquiries = inquiries;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** What a schedule call returns: the session, and whether this call scheduled it or repeated an earlier one. */
    public record Scheduled(ReleaseSession session, boolean replayed) {
    }

    /**
     * Schedules a session once per (caller, Idempotency-Key). A sub-center's session is in its own league-city (named
     * or not); an operator may name any region or none (a region-wide session).
     */
    public Scheduled schedule(CallerIdentity caller, String idempotencyKey, SessionDetails details,
            String requestedRegion) {
        String region = regionFor(caller, requestedRegion);
        LocalDate today = LocalDate.now(clock.withZone(REGION_TIME));
        if (details.date().isBefore(EARLIEST_DAY) || details.date().isAfter(today.plusYears(YEARS_AHEAD))) {
            throw ApiProblem.invalid("invalid-date", "Session date out of range", "date " + details.date()
                    + " is not a day a session can be held on: from " + EARLIEST_DAY + " to " + YEARS_AHEAD
                    + " years ahead (" + today.plusYears(YEARS_AHEAD) + ")");
        }
        String fingerprint = RequestFingerprint.of(region, details);
        ReleaseSession session = ReleaseSession.schedule(SessionId.next(clock.instant()), details, region,
                caller.clientId(), idempotencyKey, fingerprint, clock.instant());
        try {
            ReleaseSession saved = sessions.insert(session);
            log.info("release session {} on {} at {} scheduled by {}", saved.id(), saved.date(), saved.place(),
                    caller.clientId());
            return new Scheduled(saved, false);
        } catch (DuplicateKeyException retry) {
            // A create that ran but whose response was never stored: the unique (scheduledBy, key) index answers.
            ReleaseSession first = sessions.findByScheduledByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            if (!first.wasScheduledFrom(fingerprint)) {
                throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '"
                        + idempotencyKey + "' was already used for another session (" + first.id() + ")");
            }
            return new Scheduled(first, true);
        }
    }

    /** A session; sessions are public announcements, read by every identified caller. */
    public ReleaseSession get(String id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("release session", id));
    }

    public Optional<ReleaseSession> find(String id) {
        return id != null && id.matches(SessionId.PATTERN) ? sessions.findById(id) : Optional.empty();
    }

    /** A page in the order sessions were scheduled, after {@code after} (exclusive), optionally of one chain. */
    public List<ReleaseSession> list(IndustryChain chain, String after, int limit) {
        String cursor = after == null ? "" : after;
        PageRequest page = PageRequest.of(0, limit);
        return chain == null ? sessions.findByIdGreaterThanOrderByIdAsc(cursor, page)
                : sessions.findByIndustryChainAndIdGreaterThanOrderByIdAsc(chain, cursor, page);
    }

    /**
     * Puts a published achievement on a session's programme. Only listings on offer are presented: one that is
     * transacted or no longer public is a 409 naming its status; one the caller cannot see is a 404. Two organisers
     * adding at once both get theirs on: a change that lost the race is re-applied to the fresh programme.
     */
    public ReleaseSession listAchievement(CallerIdentity caller, String sessionId, String achievementId) {
        ReleaseSession session = get(sessionId);
        mayOrganise(caller, session);
        Achievement achievement = catalog.get(caller, achievementId);
        if (!onOffer(achievement.status())) {
            throw ApiProblem.conflict("achievement-not-on-offer", "Achievement not on offer", "achievement "
                    + achievementId + " is " + achievement.status() + "; a session presents published listings "
                    + "(PUBLISHED or UNDER_NEGOTIATION) only");
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                if (!session.list(achievement.id(), achievement.ownerInstitutionId(), caller.clientId(),
                        clock.instant())) {
                    return session;
                }
                ReleaseSession saved = aggregates.save(session);
                log.info("achievement {} listed in release session {} by {}", achievementId, sessionId,
                        caller.clientId());
                return saved;
            } catch (ReleaseSession.ProgrammeFull full) {
                throw ApiProblem.conflict("programme-full", "Programme full", full.getMessage());
            } catch (OptimisticLockingFailureException raced) {
                session = get(sessionId);
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change", "release session " + sessionId
                + " is being changed by many requests at once; retry shortly");
    }

    /** An achievement a session presents, as it stands now. */
    public record Presented(String achievementId, String title, String ownerInstitutionId,
            IndustryChain industryChain, AchievementStatus status, Instant listedAt) {
    }

    /**
     * The achievements a session presents that are public now, in programme order: a listing withdrawn since the
     * session drops out of what the public sees (its organisers still count it in the results).
     */
    public List<Presented> presented(String sessionId) {
        ReleaseSession session = get(sessionId);
        Map<String, Achievement> current = achievements.findAllById(session.programme().stream()
                .map(ListedAchievement::achievementId).toList()).stream()
                .collect(Collectors.toMap(Achievement::id, Function.identity()));
        List<Presented> presented = new ArrayList<>();
        for (ListedAchievement listed : session.programme()) {
            Achievement achievement = current.get(listed.achievementId());
            if (achievement != null && achievement.status().isPubliclyVisible()) {
                presented.add(new Presented(achievement.id(), achievement.title(), achievement.ownerInstitutionId(),
                        achievement.industryChain(), achievement.status(), listed.listedAt()));
            }
        }
        return List.copyOf(presented);
    }

    /** What a session brought in: inquiries that named it, and the deals that followed on its programme. */
    public record SessionResults(String sessionId, int achievementsPresented, long inquiriesReceived,
            long underNegotiation, long dealsFollowed, List<AchievementResult> achievements) {
    }

    /** One achievement of the programme: where it stands today and how many inquiries the session brought it. */
    public record AchievementResult(String achievementId, String title, String ownerInstitutionId,
            AchievementStatus status, long inquiries) {
    }

    /**
     * Counts a session's results from the inquiries that named it and the current status of the achievements on its
     * programme, at read time: a deal is an achievement of the programme that is TRANSACTED now (only listings on
     * offer are presented, so its deal came after it was listed).
     */
    public SessionResults results(CallerIdentity caller, String sessionId) {
        ReleaseSession session = get(sessionId);
        mayOrganise(caller, session);
        Map<String, Long> inquiriesPerAchievement = inquiries.countedByAchievement(sessionId);
        List<String> ids = session.programme().stream().map(ListedAchievement::achievementId).toList();
        Map<String, Achievement> current = achievements.findAllById(ids).stream()
                .collect(Collectors.toMap(Achievement::id, Function.identity()));
        List<AchievementResult> rows = new ArrayList<>();
        for (String id : ids) {
            Achievement achievement = current.get(id);
            if (achievement != null) {
                rows.add(new AchievementResult(id, achievement.title(), achievement.ownerInstitutionId(),
                        achievement.status(), inquiriesPerAchievement.getOrDefault(id, 0L)));
            }
        }
        long received = inquiriesPerAchievement.values().stream().mapToLong(Long::longValue).sum();
        long negotiating = rows.stream().filter(r -> r.status() == AchievementStatus.UNDER_NEGOTIATION).count();
        long deals = rows.stream().filter(r -> r.status() == AchievementStatus.TRANSACTED).count();
        return new SessionResults(sessionId, ids.size(), received, negotiating, deals, List.copyOf(rows));
    }

    /** A listing a session may present: public and still on offer. */
    static boolean onOffer(AchievementStatus status) {
        return status.isPubliclyVisible() && status != AchievementStatus.TRANSACTED;
    }

    /** Operators organise every session; a sub-center those of its own league-city; nobody else. */
    static void mayOrganise(CallerIdentity caller, ReleaseSession session) {
        if (caller.is(Role.OPERATOR)) {
            return;
        }
        if (caller.is(Role.SUB_CENTER) && caller.regionCode() != null
                && caller.regionCode().equals(session.regionCode())) {
            return;
        }
        throw ApiProblem.forbidden("release session " + session.id() + " is organised by operators"
                + (session.regionCode() == null ? "" : " and the sub-center of region " + session.regionCode())
                + "; a " + caller.role() + " client " + caller.clientId() + " may not");
    }

    /** A sub-center schedules in its own league-city; an operator anywhere, or region-wide; nobody else. */
    static String regionFor(CallerIdentity caller, String requestedRegion) {
        return switch (caller.role()) {
            case OPERATOR -> requestedRegion == null ? null : region(requestedRegion);
            case SUB_CENTER -> {
                if (caller.regionCode() == null) {
                    throw ApiProblem.forbidden("sub-center " + caller.clientId() + " acts for no region");
                }
                if (requestedRegion != null && !requestedRegion.equals(caller.regionCode())) {
                    throw ApiProblem.forbidden("sub-center " + caller.clientId() + " schedules sessions of region "
                            + caller.regionCode() + " only, not " + requestedRegion);
                }
                yield caller.regionCode();
            }
            case PARTNER, FINANCE_INSTITUTION, BROKER -> throw ApiProblem.forbidden(
                    "only operators and sub-centers schedule release sessions; a " + caller.role() + " client cannot");
        };
    }

    private static String region(String regionCode) {
        try {
            return new RegionCode(regionCode).value();
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("invalid-region", "Invalid region code", "regionCode: " + e.getMessage());
        }
    }
}
