package org.mengkeju.matching.challenge;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.matching.challenge.ChallengeRequests.ApplicationView;
import org.mengkeju.matching.challenge.ChallengeRequests.Apply;
import org.mengkeju.matching.challenge.ChallengeRequests.ChallengeView;
import org.mengkeju.matching.challenge.ChallengeRequests.Decide;
import org.mengkeju.matching.challenge.ChallengeRequests.PostChallenge;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the challenge lists: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Challenge lists", description = "揭榜挂帅: hard problems published with goals, conditions and a reward; "
        + "teams apply until the deadline, the poster shortlists and chooses one")
@RequestMapping("/api/v1/matching/challenges")
class ChallengeController {

    private final ChallengeBoard board;
    private final IdempotentRequests idempotentRequests;

    ChallengeController(ChallengeBoard board, IdempotentRequests idempotentRequests) {
        this.board = board;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping
    @Operation(operationId = "postChallenge", summary = "Publish a challenge list",
            description = "An enterprise's client posts for its own institution; an operator, or the sub-center of its "
                    + "league-city, names `posterInstitutionId`. Applications are taken until the `deadline`'s local "
                    + "day (Asia/Shanghai) is over. Emits ChallengePosted.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PostChallenge.class),
                    examples = @ExampleObject(name = "taphole-robot", value = ChallengeExamples.POST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Published, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new challenge.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier post.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ChallengeView.class),
                    examples = @ExampleObject(name = "open", value = ChallengeExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Another institution named, a sub-center outside its league-city, "
            + "or a broker or finance institution.")
    @ApiResponse(responseCode = "409", description = "The Idempotency-Key was used for another request.")
    ResponseEntity<ChallengeView> post(CallerIdentity caller,
            @Parameter(description = "Your own key for this post.", example = "btsteel-challenge-2026-03")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody PostChallenge request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                ChallengeView.class, () -> {
                    Challenge challenge = board.post(caller, idempotencyKey, request.posterInstitutionId(),
                            request.terms()).value();
                    return ResponseEntity.created(URI.create("/api/v1/matching/challenges/" + challenge.id()))
                            .body(ChallengeView.of(challenge, board.showsApplicationsTo(caller, challenge)));
                });
    }

    @GetMapping("/{challengeId}")
    @Operation(operationId = "getChallenge", summary = "Read a challenge list",
            description = "Public; the applications are listed for the poster and operators only.")
    @ApiResponse(responseCode = "200", description = "The challenge.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ChallengeView.class),
            examples = @ExampleObject(name = "open", value = ChallengeExamples.VIEW_EXAMPLE)))
    ChallengeView get(CallerIdentity caller,
            @Parameter(description = "The challenge's id.", example = ChallengeExamples.CHALLENGE_ID)
            @PathVariable String challengeId) {
        Challenge challenge = board.get(challengeId);
        return ChallengeView.of(challenge, board.showsApplicationsTo(caller, challenge));
    }

    @PostMapping("/{challengeId}/applications")
    @Operation(operationId = "applyToChallenge", summary = "Apply to a challenge list (揭榜)",
            description = "A team applies through its institution's client (an operator names "
                    + "`applicantInstitutionId`), once per institution, until the deadline's local day is over. Emits "
                    + "ChallengeStepTaken (APPLY) without the proposal, which only the poster and operators see.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Apply.class),
                    examples = @ExampleObject(name = "robot-team", value = ChallengeExamples.APPLY_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Received, or the first result again for a repeated "
            + "Idempotency-Key.", headers = @Header(name = "Idempotent-Replayed",
                    description = "true when this repeats an earlier application.",
                    schema = @Schema(type = "string", allowableValues = {"true", "false"})),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApplicationView.class),
                    examples = @ExampleObject(name = "submitted", value = ChallengeExamples.APPLICATION_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The poster itself, another institution named, or a role that "
            + "does not apply.")
    @ApiResponse(responseCode = "409", description = "Applications closed, already applied, or the key reused.")
    ResponseEntity<ApplicationView> apply(CallerIdentity caller,
            @Parameter(description = "The challenge's id.", example = ChallengeExamples.CHALLENGE_ID)
            @PathVariable String challengeId,
            @Parameter(description = "Your own key for this application.", example = "imust-robot-2026-12")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody Apply request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of(challengeId, request), ApplicationView.class, () -> {
                    Application application = board.apply(caller, challengeId, idempotencyKey,
                            request.applicantInstitutionId(), request.teamName().strip(), request.proposal(),
                            request.quotedYuan()).value();
                    return ResponseEntity.created(URI.create("/api/v1/matching/challenges/" + challengeId
                            + "/applications/" + application.applicationId()))
                            .body(ApplicationView.of(challengeId, application));
                });
    }

    @PostMapping("/{challengeId}/applications/{applicationId}/decision")
    @Operation(operationId = "decideOnApplication", summary = "Shortlist or choose an application",
            description = "The poster or an operator: SHORTLIST (入围), then CHOOSE one shortlisted application "
                    + "(揭榜成功), which awards the challenge and passes over the others. Repeating a decision changes "
                    + "nothing. Emits ChallengeStepTaken.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = Decide.class),
                    examples = @ExampleObject(name = "shortlist", value = ChallengeExamples.DECIDE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The application after the decision.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ApplicationView.class),
            examples = @ExampleObject(name = "shortlisted", value = ChallengeExamples.SHORTLISTED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not the poster nor an operator.")
    @ApiResponse(responseCode = "409", description = "Not shortlisted yet, awarded already, or changed meanwhile.")
    ApplicationView decide(CallerIdentity caller,
            @Parameter(description = "The challenge's id.", example = ChallengeExamples.CHALLENGE_ID)
            @PathVariable String challengeId,
            @Parameter(description = "The application's id.", example = ChallengeExamples.APPLICATION_ID)
            @PathVariable String applicationId,
            @Valid @RequestBody Decide request) {
        Challenge challenge = board.decide(caller, challengeId, applicationId, request.decision());
        return ApplicationView.of(challengeId, challenge.application(applicationId).orElseThrow());
    }
}
