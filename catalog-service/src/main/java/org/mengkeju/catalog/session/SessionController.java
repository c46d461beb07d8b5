package org.mengkeju.catalog.session;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.catalog.achievement.IndustryChain;
import org.mengkeju.catalog.session.SessionRequests.PresentedAchievements;
import org.mengkeju.catalog.session.SessionRequests.ScheduleSession;
import org.mengkeju.catalog.session.SessionRequests.SessionPage;
import org.mengkeju.catalog.session.SessionRequests.SessionResultsView;
import org.mengkeju.catalog.session.SessionRequests.SessionView;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of release sessions and roadshows: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Release sessions", description = "专题发布会/路演: thematic release sessions and roadshows presenting published achievements")
@RequestMapping("/api/v1/catalog/sessions")
class SessionController {

    private final SessionProgramme programme;
    private final IdempotentRequests idempotentRequests;

    SessionController(SessionProgramme programme, IdempotentRequests idempotentRequests) {
        this.programme = programme;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "scheduleSession", summary = "Schedule a release session or roadshow",
            description = "Operators schedule any session, for a league-city or region-wide (no `regionCode`); a "
                    + "sub-center schedules those of its own league-city. `date` is the local day in Asia/Shanghai. "
                    + "Emits ReleaseSessionScheduled.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ScheduleSession.class),
                    examples = @ExampleObject(name = "rare-earths", value = SessionExamples.SCHEDULE_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Scheduled, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new session.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class),
                    examples = @ExampleObject(name = "scheduled", value = SessionExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not an operator, or a sub-center outside its league-city.")
    ResponseEntity<SessionView> schedule(CallerIdentity caller,
            @Parameter(description = "Your own key for this create: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "baotou-2026-rare-earths")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody ScheduleSession request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                SessionView.class, () -> {
                    ReleaseSession session = programme.schedule(caller, idempotencyKey, request.details(),
                            request.regionCode()).session();
                    return ResponseEntity.created(URI.create("/api/v1/catalog/sessions/" + session.id()))
                            .body(SessionView.of(session));
                });
    }

    @GetMapping
    @Operation(operationId = "listSessions", summary = "Page through release sessions",
            description = "In the order they were scheduled; pass the `next` of a page as `after` to get the "
                    + "following one. Sessions are public announcements.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SessionPage.class),
            examples = @ExampleObject(name = "page", value = SessionExamples.PAGE_EXAMPLE)))
    SessionPage list(
            @Parameter(description = "Only sessions on this industry chain.", example = "RARE_EARTHS")
            @RequestParam(required = false) IndustryChain chain,
            @Parameter(description = "The `next` of the previous page.", example = SessionExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = SessionId.PATTERN, message = "must be a session id")
            String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(SessionProgramme.MAX_PAGE) int limit) {
        List<SessionView> items = programme.list(chain, after, limit).stream().map(SessionView::of).toList();
        String next = items.size() == limit ? items.getLast().sessionId() : null;
        return new SessionPage(items, next);
    }

    @GetMapping("/{sessionId}")
    @Operation(operationId = "getSession", summary = "Read a release session and its programme",
            description = "Sessions are public announcements: every client reads them.")
    @ApiResponse(responseCode = "200", description = "The session.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SessionView.class),
            examples = @ExampleObject(name = "session", value = SessionExamples.VIEW_EXAMPLE)))
    SessionView get(@Parameter(description = "The session's id.", example = SessionExamples.EXAMPLE_ID)
            @PathVariable String sessionId) {
        return SessionView.of(programme.get(sessionId));
    }

    @GetMapping("/{sessionId}/achievements")
    @Operation(operationId = "listSessionAchievements", summary = "Read the achievements a session presents",
            description = "The listings of its programme that are public now, in programme order, with where each "
                    + "stands (PUBLISHED, UNDER_NEGOTIATION, TRANSACTED). Every client reads them.")
    @ApiResponse(responseCode = "200", description = "The achievements.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = PresentedAchievements.class),
            examples = @ExampleObject(name = "presented", value = SessionExamples.PRESENTED_EXAMPLE)))
    PresentedAchievements presented(@Parameter(description = "The session's id.", example = SessionExamples.EXAMPLE_ID)
            @PathVariable String sessionId) {
        return new PresentedAchievements(sessionId, programme.presented(sessionId));
    }

    @PutMapping("/{sessionId}/achievements/{achievementId}")
    @Operation(operationId = "listAchievementInSession", summary = "Put an achievement on a session's programme",
            description = "Its organisers (operators; the sub-center of its league-city) present published listings "
                    + "(PUBLISHED or UNDER_NEGOTIATION). Listing one already there changes nothing. Emits "
                    + "AchievementListedInSession.")
    @ApiResponse(responseCode = "200", description = "The session with the achievement on its programme.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SessionView.class),
                    examples = @ExampleObject(name = "session", value = SessionExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller does not organise this session.")
    @ApiResponse(responseCode = "409", description = "The achievement is not on offer (the problem names its "
            + "status), or the programme is full.")
    SessionView listAchievement(CallerIdentity caller,
            @Parameter(description = "The session's id.", example = SessionExamples.EXAMPLE_ID)
            @PathVariable String sessionId,
            @Parameter(description = "The achievement's id.", example = SessionExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String achievementId) {
        return SessionView.of(programme.listAchievement(caller, sessionId, achievementId));
    }

    @GetMapping("/{sessionId}/results")
    @Operation(operationId = "getSessionResults", summary = "Count what a session brought in",
            description = "Inquiries that named the session, and the deals that followed: achievements of its "
                    + "programme that are TRANSACTED now (and those under negotiation). Counted when asked. For its "
                    + "organisers: operators and the sub-center of its league-city.")
    @ApiResponse(responseCode = "200", description = "The results.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = SessionResultsView.class),
            examples = @ExampleObject(name = "results", value = SessionExamples.RESULTS_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller does not organise this session.")
    SessionResultsView results(CallerIdentity caller,
            @Parameter(description = "The session's id.", example = SessionExamples.EXAMPLE_ID)
            @PathVariable String sessionId) {
        return SessionResultsView.of(programme.results(caller, sessionId));
    }
}
