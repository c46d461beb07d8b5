package org.mengkeju.catalog.session;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.session.SessionProgramme.AchievementResult;
import org.mengkeju.catalog.session.SessionProgramme.Presented;
import org.mengkeju.catalog.session.SessionProgramme.SessionResults;

/** The HTTP shapes of the release sessions API. */
final class SessionRequests {

    private SessionRequests() {
    }

    /** A new session; {@code date} is the local day in Asia/Shanghai, {@code regionCode} the league-city holding it. */
    record ScheduleSession(
            @NotBlank @Size(max = 200) String title,
            @NotNull IndustryChain industryChain,
            @NotNull LocalDate date,
            @NotBlank @Size(max = 200) String place,
            @Pattern(regexp = "[0-9]{6}", message = "must be a six-digit league-city code") String regionCode) {

        SessionDetails details() {
            return new SessionDetails(title.strip(), industryChain, date, place.strip());
        }
    }

    /** A session as the API shows it, with its programme in the order it was put together. */
    record SessionView(
            String sessionId,
            String title,
            IndustryChain industryChain,
            LocalDate date,
            String place,
            String regionCode,
            String scheduledBy,
            Instant scheduledAt,
            List<ListedAchievement> programme,
            Long version) {

        static SessionView of(ReleaseSession s) {
            return new SessionView(s.id(), s.title(), s.industryChain(), s.date(), s.place(), s.regionCode(),
                    s.scheduledBy(), s.scheduledAt(), s.programme(), s.version());
        }
    }

    /** A page of sessions; {@code next} is the cursor of the following page, absent on the last one. */
    record SessionPage(List<SessionView> items, String next) {
    }

    /** The achievements a session presents that are public now. */
    record PresentedAchievements(String sessionId, List<Presented> items) {
    }

    /** A session's results, counted when asked. */
    record SessionResultsView(
            String sessionId,
            int achievementsPresented,
            long inquiriesReceived,
            long underNegotiation,
            long dealsFollowed,
            List<AchievementResult> achievements) {

        static SessionResultsView of(SessionResults r) {
            return new SessionResultsView(r.sessionId(), r.achievementsPresented(), r.inquiriesReceived(),
                    r.underNegotiation(), r.dealsFollowed(), r.achievements());
        }
    }
}
