package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.catalog.achievement.AchievementRequests.AchievementPage;
import org.mengkeju.catalog.achievement.AchievementRequests.AchievementView;
import org.mengkeju.catalog.achievement.AchievementRequests.CreateAchievement;
import org.mengkeju.catalog.achievement.AchievementRequests.ReviseAchievement;
import org.mengkeju.catalog.achievement.AchievementRequests.TakeStep;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the achievements catalog: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Achievements", description = "科技成果: research results listed for transfer, reviewed, published, negotiated and transacted")
@RequestMapping("/api/v1/catalog/achievements")
class AchievementController {

    private final AchievementCatalog catalog;
    private final IdempotentRequests idempotentRequests;

    AchievementController(AchievementCatalog catalog, IdempotentRequests idempotentRequests) {
        this.catalog = catalog;
        this.idempotentRequests = idempotentRequests;
    }

    /**
     * Lists a new draft achievement; a retry with the same Idempotency-Key gets the first response as it was sent
     * (status and body), even if the listing changed since.
     */
    @PostMapping
    @Operation(operationId = "createAchievement", summary = "List a new draft achievement",
            description = "A partner lists for its own institution; an operator or a sub-center names the owner in "
                    + "`ownerInstitutionId`. Leave out `askingPriceYuan` for a negotiable price (面议).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = CreateAchievement.class),
                    examples = @ExampleObject(name = "corn-husk-feed", value = AchievementExamples.CREATE_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Created, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new listing.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AchievementView.class),
                    examples = @ExampleObject(name = "draft", value = AchievementExamples.DRAFT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "A partner named another institution as the owner.")
    ResponseEntity<AchievementView> create(CallerIdentity caller,
            @Parameter(description = "Your own key for this create: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "imut-2026-0001")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody CreateAchievement request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                AchievementView.class, () -> {
                    var created = catalog.create(caller, idempotencyKey, request.ownerInstitutionId(),
                            request.details());
                    Achievement achievement = created.achievement();
                    return ResponseEntity.created(URI.create("/api/v1/catalog/achievements/" + achievement.id()))
                            .body(AchievementView.of(achievement));
                });
    }

    @GetMapping
    @Operation(operationId = "searchAchievements", summary = "Search listings by their facts",
            description = """
                    Filters combine with AND; all are optional. Public listings are found by everyone; a partner also
                    finds its own institution's, a sub-center those it brought, an operator all. A price range finds
                    listings whose asked price overlaps it (negotiable ones match no price filter; price sorts list
                    only priced listings). Pass a page's `next` as `after` for the following page: pages stay stable
                    while listings are added. Free-text search is matching-service's.
                    """)
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AchievementPage.class),
            examples = @ExampleObject(name = "page", value = AchievementExamples.PAGE_EXAMPLE)))
    AchievementPage search(CallerIdentity caller,
            @Parameter(description = "Industry chain.", example = "RARE_EARTHS")
            @RequestParam(required = false) IndustryChain chain,
            @Parameter(description = "Technical field, exactly as listed.", example = "稀土功能材料")
            @RequestParam(required = false) @Size(max = 100) String field,
            @Parameter(description = "League-city code.", example = "150200")
            @RequestParam(required = false) @Pattern(regexp = "^[0-9]{6}$", message = "must be six digits")
            String region,
            @Parameter(description = "Maturity.", example = "PILOT") @RequestParam(required = false) Maturity maturity,
            @Parameter(description = "A transfer mode the listing offers.", example = "LICENCE")
            @RequestParam(required = false) TransferMode mode,
            @Parameter(description = "Lowest price of interest, yuan.", example = "500000")
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("100000000000") BigDecimal minPrice,
            @Parameter(description = "Highest price of interest, yuan.", example = "2000000")
            @RequestParam(required = false) @DecimalMin("0") @DecimalMax("100000000000") BigDecimal maxPrice,
            @Parameter(description = "Status.", example = "PUBLISHED")
            @RequestParam(required = false) AchievementStatus status,
            @Parameter(description = "Owner institution id.", example = "imut")
            @RequestParam(required = false) @Size(max = 64) String owner,
            @Parameter(description = "The sub-center client that brought it.", example = "ordos-center")
            @RequestParam(required = false) @Size(max = 100) String subCenter,
            @Parameter(description = "Order: NEWEST (default), OLDEST, PRICE_ASC, PRICE_DESC.", example = "NEWEST")
            @RequestParam(required = false) ListingQuery.Sort sort,
            @Parameter(description = "The `next` of the previous page.")
            @RequestParam(required = false) @Size(max = 300) String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(AchievementListings.MAX_PAGE) int limit) {
        var page = catalog.search(caller, () -> new ListingQuery(chain, field, region, maturity, mode, minPrice,
                maxPrice, status, owner, subCenter, sort), after, limit);
        return new AchievementPage(page.items().stream().map(AchievementView::of).toList(), page.next());
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getAchievement", summary = "Read a listing",
            description = "A draft is visible to its owner's transfer office and to operators; a published listing "
                    + "to everyone.")
    @ApiResponse(responseCode = "200", description = "The listing.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = AchievementView.class),
            examples = @ExampleObject(name = "draft", value = AchievementExamples.DRAFT_EXAMPLE)))
    ResponseEntity<AchievementView> get(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id) {
        return withVersion(catalog.get(caller, id));
    }

    /** Replaces the content; the version read must be sent back as If-Match, so nobody overwrites a change unseen. */
    @PutMapping("/{id}")
    @Operation(operationId = "reviseAchievement", summary = "Revise a listing",
            description = """
                    Replaces the listing's content (all content fields; those left out become empty). Send the
                    version you read as `If-Match` (the `ETag` of the read). A draft, a returned listing and a listing
                    on offer (published or under negotiation) can be revised; one under review or closed cannot. The
                    content before is kept in the listing's revisions, and the change is emitted as
                    AchievementChanged with action REVISE and the fields that changed.
                    """,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ReviseAchievement.class),
                    examples = @ExampleObject(name = "revise", value = AchievementExamples.REVISE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The revised listing; its new version is the ETag.",
            headers = @Header(name = "ETag", description = "The listing's version, quoted.",
                    schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AchievementView.class),
                    examples = @ExampleObject(name = "revised", value = AchievementExamples.PUBLISHED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the owner's transfer office or an operator may revise.")
    @ApiResponse(responseCode = "409", description = "The status does not allow a revision, or another revision "
            + "was written at the same moment.")
    @ApiResponse(responseCode = "412", description = "If-Match names a version that is no longer the current one.")
    @ApiResponse(responseCode = "428", description = "If-Match is missing.")
    ResponseEntity<AchievementView> revise(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id,
            @Parameter(required = true, description = "The version read, as its ETag (\"0\") or the bare number; "
                    + "a missing one is a 428.", example = "\"0\"",
                    schema = @Schema(type = "string", pattern = "^(W/)?\"?[0-9]+\"?$"))
            @RequestHeader(name = "If-Match", required = false) String ifMatch,
            @Valid @RequestBody ReviseAchievement request) {
        return withVersion(catalog.revise(caller, id, VersionTag.parse(ifMatch), request.details()));
    }

    @GetMapping("/{id}/revisions")
    @Operation(operationId = "getAchievementRevisions", summary = "Read a listing's revisions",
            description = "Every revision of the content, oldest first: who, when, which fields, and the whole "
                    + "content as it was before. Visible to whoever may see the listing.")
    @ApiResponse(responseCode = "200", description = "The revisions.", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = Revision.class)),
            examples = @ExampleObject(name = "one revision", value = AchievementExamples.REVISIONS_EXAMPLE)))
    List<Revision> revisions(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id) {
        return catalog.get(caller, id).revisions();
    }

    /** Approves a listing under review; repeating the call returns the published listing unchanged. */
    @PostMapping("/{id}/publish")
    @Operation(operationId = "publishAchievement", summary = "Publish a listing (a reviewer's approval)",
            description = "An operator approves a submitted listing or one under review: it becomes visible to "
                    + "everyone and emits AchievementPublished, which earns the owner innovation points. The same as "
                    + "the step PUBLISH.")
    @ApiResponse(responseCode = "200", description = "The published listing.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AchievementView.class),
            examples = @ExampleObject(name = "published", value = AchievementExamples.PUBLISHED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators review and publish listings.")
    @ApiResponse(responseCode = "409", description = "The listing is not submitted or under review.")
    AchievementView publish(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id) {
        return AchievementView.of(catalog.publish(caller, id));
    }

    /** Takes one lifecycle step; a step whose target is the current status returns the listing unchanged. */
    @PostMapping("/{id}/steps")
    @Operation(operationId = "takeAchievementStep", summary = "Take a step in a listing's life",
            description = """
                    The owner's transfer office (or an operator for it) may SUBMIT a draft or a returned listing,
                    START_NEGOTIATION and END_NEGOTIATION on a published one, and WITHDRAW it (with a reason). Operators
                    review: TAKE_UP_REVIEW, PUBLISH, RETURN (with comments), REJECT (with a reason), and TRANSACT a
                    published listing. Every step is kept in the listing's history and emitted as
                    AchievementChanged.
                    """,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = TakeStep.class),
                    examples = @ExampleObject(name = "submit", value = AchievementExamples.STEP_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The listing after the step.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AchievementView.class),
            examples = @ExampleObject(name = "submitted", value = AchievementExamples.SUBMITTED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller may not take this step on this listing.")
    @ApiResponse(responseCode = "409", description = "The listing's status does not allow the step; the problem "
            + "names both.")
    AchievementView step(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id,
            @Valid @RequestBody TakeStep request) {
        return AchievementView.of(catalog.take(caller, id, request.action(), request.note()));
    }

    private static ResponseEntity<AchievementView> withVersion(Achievement achievement) {
        return ResponseEntity.ok().eTag(VersionTag.of(achievement.version())).body(AchievementView.of(achievement));
    }

    @GetMapping("/{id}/history")
    @Operation(operationId = "getAchievementHistory", summary = "Read a listing's history",
            description = "Every lifecycle step, oldest first: what, by whom, when, and the note. Visible to whoever "
                    + "may see the listing.")
    @ApiResponse(responseCode = "200", description = "The steps.", content = @Content(mediaType = "application/json",
            array = @ArraySchema(schema = @Schema(implementation = LifecycleStep.class)),
            examples = @ExampleObject(name = "reviewed", value = AchievementExamples.HISTORY_EXAMPLE)))
    List<LifecycleStep> history(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = AchievementExamples.EXAMPLE_ID) @PathVariable String id) {
        return catalog.get(caller, id).history();
    }
}
