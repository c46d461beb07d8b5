package org.mengkeju.catalog.inquiry;

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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.catalog.inquiry.InquiryRequests.AskAbout;
import org.mengkeju.catalog.inquiry.InquiryRequests.InquiryPage;
import org.mengkeju.catalog.inquiry.InquiryRequests.InquiryView;
import org.mengkeju.catalog.inquiry.InquiryRequests.PostMessage;
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
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of price inquiries: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Price inquiries", description = "询价: a buyer's questions about a listing on offer and the owner's answers, seen by the two sides and operators only")
@RequestMapping("/api/v1/catalog")
class InquiryController {

    private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,100}";
    private static final String KEY_MESSAGE = "must be 1 to 100 letters, digits or . _ : -";

    private final InquiryDesk desk;
    private final IdempotentRequests idempotentRequests;

    InquiryController(InquiryDesk desk, IdempotentRequests idempotentRequests) {
        this.desk = desk;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/achievements/{id}/inquiries")
    @Operation(operationId = "askAboutAchievement", summary = "Send a price inquiry about a listing",
            description = "Partners of other institutions, finance institutions and technology brokers ask; "
                    + "operators may ask for the service desk (代为询价). The listing must be on offer (PUBLISHED or "
                    + "UNDER_NEGOTIATION): a TRANSACTED or WITHDRAWN one is a 409 naming its status. Name the release "
                    + "session you came from in `sessionId`; it counts in the session's results. Emits InquiryOpened, "
                    + "without the question: the thread stays between the two sides and the operators.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = AskAbout.class),
                    examples = @ExampleObject(name = "licence-terms", value = InquiryExamples.ASK_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Opened, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new inquiry.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InquiryView.class),
                    examples = @ExampleObject(name = "opened", value = InquiryExamples.OPENED_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "A sub-center, or the owner's own office, does not ask.")
    @ApiResponse(responseCode = "409", description = "The listing is not on offer (the problem names its status), "
            + "the session does not present it, or the Idempotency-Key was used for another request.")
    ResponseEntity<InquiryView> ask(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = InquiryExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String id,
            @Parameter(description = "Your own key for this inquiry: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "boimc-2026-0042")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody AskAbout request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of("ask", id, request), InquiryView.class, () -> {
                    Inquiry inquiry = desk.open(caller, idempotencyKey, id, request.question(), request.sessionId())
                            .inquiry();
                    return ResponseEntity.created(URI.create(threadPath(id, inquiry.id())))
                            .body(InquiryView.of(inquiry));
                });
    }

    @GetMapping("/achievements/{id}/inquiries")
    @Operation(operationId = "listInquiriesAboutAchievement", summary = "Page through the inquiries about a listing",
            description = "For the owner's transfer office and the operators, in the order they came in; pass the "
                    + "`next` of a page as `after` to get the following one.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InquiryPage.class),
            examples = @ExampleObject(name = "page", value = InquiryExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the owner's office and operators list a listing's "
            + "inquiries.")
    InquiryPage listAboutAchievement(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = InquiryExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String id,
            @Parameter(description = "Only inquiries in this status: AWAITING_ANSWER (the owner's move) or ANSWERED.",
                    example = "AWAITING_ANSWER")
            @RequestParam(required = false) InquiryStatus status,
            @Parameter(description = "The `next` of the previous page.", example = InquiryExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = InquiryId.PATTERN, message = "must be an inquiry id")
            String after,
            @Parameter(description = "Page size, 1 to 100.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(InquiryDesk.MAX_PAGE) int limit) {
        return InquiryPage.of(desk.listForAchievement(caller, id, status, after, limit), limit);
    }

    @GetMapping("/achievements/{achievementId}/inquiries/{inquiryId}")
    @Operation(operationId = "getInquiry", summary = "Read an inquiry's thread",
            description = "The question, the answers and the follow-ups, oldest first. Only the two sides and the "
                    + "operators see it; to anyone else it does not exist.")
    @ApiResponse(responseCode = "200", description = "The thread.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = InquiryView.class),
            examples = @ExampleObject(name = "answered", value = InquiryExamples.THREAD_EXAMPLE)))
    InquiryView get(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = InquiryExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String achievementId,
            @Parameter(description = "The inquiry's id.", example = InquiryExamples.EXAMPLE_ID)
            @PathVariable String inquiryId) {
        return InquiryView.of(desk.get(caller, achievementId, inquiryId));
    }

    @PostMapping("/achievements/{achievementId}/inquiries/{inquiryId}/messages")
    @Operation(operationId = "postInquiryMessage", summary = "Answer or follow up an inquiry",
            description = "From the owner's transfer office it is an answer (emits InquiryAnswered); from the buying "
                    + "side a follow-up; from an operator a note. A retry with the same Idempotency-Key finds the "
                    + "first message instead of adding it again.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PostMessage.class),
                    examples = @ExampleObject(name = "answer", value = InquiryExamples.MESSAGE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The thread with the message.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = InquiryView.class),
            examples = @ExampleObject(name = "answered", value = InquiryExamples.THREAD_EXAMPLE)))
    @ApiResponse(responseCode = "409", description = "The thread is full, or the Idempotency-Key was used for "
            + "another message.")
    ResponseEntity<InquiryView> post(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = InquiryExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String achievementId,
            @Parameter(description = "The inquiry's id.", example = InquiryExamples.EXAMPLE_ID)
            @PathVariable String inquiryId,
            @Parameter(description = "Your own key for this message: a retry with the same key returns the first "
                    + "result.", example = "imut-answer-0042-1")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody PostMessage request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of("message", achievementId, inquiryId, request), InquiryView.class,
                () -> ResponseEntity.ok(InquiryView.of(desk.post(caller, achievementId, inquiryId, idempotencyKey,
                        request.text()))));
    }

    @GetMapping("/inquiries")
    @Operation(operationId = "listMyInquiries", summary = "Page through the inquiries you asked",
            description = "The inquiries of your side: every client of your institution shares them; an operator "
                    + "sees those of the service desk. In the order they were asked.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InquiryPage.class),
            examples = @ExampleObject(name = "page", value = InquiryExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Sub-centers do not ask.")
    InquiryPage listAsked(CallerIdentity caller,
            @Parameter(description = "Only inquiries in this status: AWAITING_ANSWER (the owner's move) or ANSWERED.",
                    example = "AWAITING_ANSWER")
            @RequestParam(required = false) InquiryStatus status,
            @Parameter(description = "The `next` of the previous page.", example = InquiryExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = InquiryId.PATTERN, message = "must be an inquiry id")
            String after,
            @Parameter(description = "Page size, 1 to 100.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(InquiryDesk.MAX_PAGE) int limit) {
        return InquiryPage.of(desk.listAsked(caller, status, after, limit), limit);
    }

    @GetMapping("/inquiries/received")
    @Operation(operationId = "listReceivedInquiries", summary = "Page through the inquiries about your listings",
            description = "For an owner's transfer office, the inquiries about its institution's listings; for an "
                    + "operator, every inquiry. In the order they came in.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InquiryPage.class),
            examples = @ExampleObject(name = "page", value = InquiryExamples.PAGE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "The caller owns no listings.")
    InquiryPage listReceived(CallerIdentity caller,
            @Parameter(description = "Only inquiries in this status: AWAITING_ANSWER (the owner's move) or ANSWERED.",
                    example = "AWAITING_ANSWER")
            @RequestParam(required = false) InquiryStatus status,
            @Parameter(description = "The `next` of the previous page.", example = InquiryExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = InquiryId.PATTERN, message = "must be an inquiry id")
            String after,
            @Parameter(description = "Page size, 1 to 100.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(InquiryDesk.MAX_PAGE) int limit) {
        return InquiryPage.of(desk.listReceived(caller, status, after, limit), limit);
    }

    private static String threadPath(String achievementId, String inquiryId) {
        return "/api/v1/catalog/achievements/" + achievementId + "/inquiries/" + inquiryId;
    }
}
