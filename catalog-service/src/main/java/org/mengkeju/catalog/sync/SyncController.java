package org.mengkeju.catalog.sync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.mengkeju.catalog.achievement.ChangeFeed;
import org.mengkeju.catalog.achievement.SubCenterListing;
import org.mengkeju.catalog.achievement.SyncOutcome;
import org.mengkeju.catalog.sync.SyncRequests.FeedView;
import org.mengkeju.catalog.sync.SyncRequests.SyncItem;
import org.mengkeju.catalog.sync.SyncRequests.SyncStateView;
import org.mengkeju.catalog.sync.SyncRequests.UploadReport;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP adapter of sub-center sync: reads a batch item by item, so one bad item is reported, not the whole batch. */
@RestController
@Validated
@Tag(name = "Sub-center sync", description = "盟市分中心: batch uploads of a sub-center's listings, the catalog's change "
        + "feed to mirror it, and each sub-center's sync state")
@RequestMapping("/api/v1/catalog/sync")
class SyncController {

    static final String NDJSON = "application/x-ndjson";

    private final SyncDesk desk;
    private final JsonMapper json;
    private final Validator validator;

    SyncController(SyncDesk desk, JsonMapper json, Validator validator) {
        this.desk = desk;
        this.json = json;
        this.validator = validator;
    }

    @PostMapping(path = "/listings", consumes = {NDJSON, MediaType.APPLICATION_JSON_VALUE})
    @Operation(operationId = "uploadListings", summary = "Upload a batch of the sub-center's listings",
            description = """
                    Up to 10,000 items, as NDJSON (one item per line; streamed, up to 32 MB) or as a JSON array. Each
                    item is upserted by the sub-center's own `externalId`: a new one enters submitted for review in
                    the sub-center's region, a known one has its content replaced (a returned one is sent for review
                    again), `"withdrawn": true` withdraws it, and an item the catalog already has as sent changes
                    nothing, so a repeated batch is harmless. A bad item is refused with its index and problems while
                    the good ones are stored. Only sub-centers upload; a sub-center reaches only the listings it
                    brought.
                    """,
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            array = @ArraySchema(schema = @Schema(implementation = SyncItem.class)),
                            examples = @ExampleObject(name = "two items", value = SyncExamples.UPLOAD_EXAMPLE)),
                    @Content(mediaType = NDJSON, schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "two lines", value = SyncExamples.UPLOAD_NDJSON))}))
    @ApiResponse(responseCode = "200", description = "What happened to each item, in the batch's order.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = UploadReport.class),
                    examples = @ExampleObject(name = "report", value = SyncExamples.REPORT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only a sub-center uploads.")
    @ApiResponse(responseCode = "413", description = "More than 10,000 items, or more than 32 MB; nothing was "
            + "written.")
    UploadReport upload(CallerIdentity caller,
            @Parameter(hidden = true) @RequestHeader(name = "Content-Type") String contentType,
            @Parameter(hidden = true) InputStream body) throws IOException {
        desk.checkMayUpload(caller);
        List<JsonNodeOrProblem> raw = contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON)
                ? ndjson(body) : jsonArray(body);
        if (raw.isEmpty()) {
            throw ApiProblem.invalid("no-items", "No items", "the batch holds no items");
        }
        if (raw.size() > SyncDesk.MAX_ITEMS) {
            throw new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "too-many-items", "Too many items",
                    "the batch holds " + raw.size() + " items; at most " + SyncDesk.MAX_ITEMS
                            + " per upload, nothing was written");
        }
        List<SubCenterListing> items = new ArrayList<>(raw.size());
        List<SyncOutcome> unreadable = new ArrayList<>();
        for (int index = 0; index < raw.size(); index++) {
            read(index, raw.get(index), items, unreadable);
        }
        return UploadReport.of(desk.upload(caller, items, unreadable));
    }

    /** One item as read: its JSON, or why it could not be read. */
    private record JsonNodeOrProblem(JsonNode node, String problem) {
    }

    private List<JsonNodeOrProblem> ndjson(InputStream body) {
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<JsonNodeOrProblem> lines = new ArrayList<>();
        try (var reader = new BufferedReader(new InputStreamReader(body, decoder))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                if (lines.size() > SyncDesk.MAX_ITEMS) {
                    lines.add(new JsonNodeOrProblem(null, "over the limit")); // counted, not parsed
                    continue;
                }
                try {
                    lines.add(new JsonNodeOrProblem(json.readTree(line), null));
                } catch (JacksonException e) {
                    lines.add(new JsonNodeOrProblem(null, "not JSON: " + e.getOriginalMessage()));
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiProblem.invalid("malformed-body", "Malformed body", "the body is not valid UTF-8 after line "
                    + lines.size());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return lines;
    }

    private List<JsonNodeOrProblem> jsonArray(InputStream body) throws IOException {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw ApiProblem.invalid("malformed-body", "Malformed body", "malformed JSON: " + e.getOriginalMessage());
        }
        if (tree == null || !tree.isArray()) {
            throw ApiProblem.invalid("malformed-body", "Malformed body",
                    "a JSON upload is an array of items (or send NDJSON, one item per line)");
        }
        List<JsonNodeOrProblem> items = new ArrayList<>(tree.size());
        tree.forEach(node -> items.add(new JsonNodeOrProblem(node, null)));
        return items;
    }

    /** Reads one item strictly; what is wrong with it is its refusal, not the batch's. */
    private void read(int index, JsonNodeOrProblem raw, List<SubCenterListing> items, List<SyncOutcome> refused) {
        String externalId = raw.node() == null ? null : raw.node().path("externalId").asString(null);
        if (raw.problem() != null) {
            refused.add(SyncOutcome.refusedItem(index, externalId, raw.problem()));
            return;
        }
        SyncItem item;
        try {
            item = json.treeToValue(raw.node(), SyncItem.class);
        } catch (JacksonException e) {
            refused.add(SyncOutcome.refusedItem(index, externalId, e.getOriginalMessage()));
            return;
        }
        Set<ConstraintViolation<SyncItem>> violations = validator.validate(item);
        if (!violations.isEmpty()) {
            refused.add(SyncOutcome.refusedItem(index, externalId, violations.stream()
                    .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; "))));
            return;
        }
        try {
            items.add(item.toListing(index));
        } catch (ApiProblem | IllegalArgumentException problem) {
            refused.add(SyncOutcome.refusedItem(index, externalId, problem.getMessage()));
        }
    }

    @GetMapping("/changes")
    @Operation(operationId = "pullChanges", summary = "Pull the catalog's changes after a cursor",
            description = """
                    Every listing that changed after the cursor, oldest change first, with its state now; a listing
                    you can no longer see that was public once comes as `removed`, so a mirror drops it. Start
                    without a cursor, then pass each page's `next`; when `more` is false you are up to date (ask
                    again later with that `next`). Resumable: a cursor is valid forever, and asking again from an
                    old one gives at least what came after it.
                    """)
    @ApiResponse(responseCode = "200", description = "A page of changes.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = FeedView.class),
            examples = @ExampleObject(name = "page", value = SyncExamples.FEED_EXAMPLE)))
    FeedView changes(CallerIdentity caller,
            @Parameter(description = "The `next` of the previous page; none for the beginning.")
            @RequestParam(required = false) @Size(max = 200) String after,
            @Parameter(description = "Changes per page, 1 to 1000.", example = "500")
            @RequestParam(defaultValue = "500") @Min(1) @Max(ChangeFeed.MAX_PAGE) int limit) {
        return FeedView.of(desk.pull(caller, after, limit));
    }

    @GetMapping("/states")
    @Operation(operationId = "listSyncStates", summary = "Every sub-center's sync state",
            description = "Last upload, items accepted and refused (the recent refusals with their problems), last "
                    + "pull and its cursor. Operators only.")
    @ApiResponse(responseCode = "200", description = "One entry per sub-center.", content = @Content(
            mediaType = "application/json", array = @ArraySchema(schema = @Schema(implementation = SyncStateView.class)),
            examples = @ExampleObject(name = "states", value = "[" + SyncExamples.STATE_EXAMPLE + "]")))
    @ApiResponse(responseCode = "403", description = "Operators only.")
    List<SyncStateView> states(CallerIdentity caller) {
        return desk.states(caller).stream().map(SyncStateView::of).toList();
    }

    @GetMapping("/states/{subCenter}")
    @Operation(operationId = "getSyncState", summary = "One sub-center's sync state",
            description = "Operators, and the sub-center itself.")
    @ApiResponse(responseCode = "200", description = "The state.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = SyncStateView.class), examples = @ExampleObject(name = "state",
            value = SyncExamples.STATE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Another sub-center's state.")
    @ApiResponse(responseCode = "404", description = "The sub-center has never synced.")
    SyncStateView state(CallerIdentity caller,
            @Parameter(description = "The sub-center's client id.", example = "ordos-center") @PathVariable String subCenter) {
        return SyncStateView.of(desk.state(caller, subCenter));
    }
}
