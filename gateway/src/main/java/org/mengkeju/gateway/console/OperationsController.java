package org.mengkeju.gateway.console;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mengkeju.gateway.apikey.ApiKeyFilter;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.platform.ops.DeadLetterDesk;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The operations API behind the console page: only translation, the rules are {@link OperationsConsole}'s.
 */
@RestController
@Tag(name = "operations", description = "Operations (运维): health, backlogs, business figures and dead letters of "
        + "every service; OPERATOR clients only, anyone else gets a 403 problem")
@ApiResponse(responseCode = "401", description = "no key or token, or not a working one",
        content = @Content(mediaType = "application/problem+json"))
@ApiResponse(responseCode = "403", description = "the caller is not an OPERATOR",
        content = @Content(mediaType = "application/problem+json"))
@RequestMapping(path = OperationsController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
class OperationsController {

    static final String PATH = "/api/v1/ops";

    private final OperationsConsole console;

    OperationsController(OperationsConsole console) {
        this.console = console;
    }

    @GetMapping("/overview")
    @Operation(summary = "Every service's health, outbox and dead-letter backlog, and business figures, read now",
            description = "Health as each service reports it to an operator (its components: mongo, kafka, the "
                    + "consumers); mengkeju_outbox_pending summed; the dead letters its consumer groups hold and "
                    + "how many await a replay; its mengkeju_<service>_* gauges (counted by the service at most once "
                    + "per its refresh interval). A service that does not answer is UNREACHABLE, the others are "
                    + "shown all the same.")
    @ApiResponse(responseCode = "200", description = "the overview")
    @ApiResponse(responseCode = "400", description = "never for this operation; kept for the problem shape",
            content = @Content(mediaType = "application/problem+json"))
    Mono<OperationsOverview> overview(@Parameter(hidden = true) ServerWebExchange exchange) {
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        return Mono.defer(() -> console.overview(caller));
    }

    @GetMapping("/services/{service}/dead-letters")
    @Operation(summary = "A service's dead letters (死信), newest first, with why each failed and its replay",
            description = "Read from the dead-letter topic of each consumer group of the service "
                    + "(<topic>.<group>.dlt); total and awaitingReplay count them all, the list holds at most limit.")
    @ApiResponse(responseCode = "200", description = "the dead letters",
            content = @Content(schema = @Schema(implementation = DeadLetterDesk.Listing.class)))
    @ApiResponse(responseCode = "400", description = "limit out of its range (1 to 500)",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such service",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "the service or its broker did not answer",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ResponseEntity<String>> deadLetters(@Parameter(hidden = true) ServerWebExchange exchange,
            @PathVariable @Parameter(description = "the service's name", example = "points") String service,
            @RequestParam(required = false) @Parameter(description = "1 to 500, default 100") Integer limit) {
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        return Mono.defer(() -> console.deadLetters(caller, service, limit));
    }

    @PostMapping("/services/{service}/dead-letters/{deadLetterId}/replay")
    @Operation(summary = "Replay a dead letter to the topic it came from, once",
            description = "Publishes the record again with its key, payload and headers (plus mengkeju_replay_of), "
                    + "waits for Kafka's acknowledgement and records who replayed it when; replayedNow is false when "
                    + "it had been replayed before, and nothing is published then. Every group reading the topic "
                    + "gets it again; those that processed it before skip it (consumers are idempotent).")
    @ApiResponse(responseCode = "200", description = "replayed now, or before",
            content = @Content(schema = @Schema(implementation = DeadLetterDesk.ReplayOutcome.class)))
    @ApiResponse(responseCode = "400", description = "deadLetterId is not <dead-letter topic>:<partition>:<offset>",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "no such service, dead-letter topic or dead letter",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "replay-in-progress: another request is replaying it",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "the service or its broker did not answer; nothing was replayed",
            content = @Content(mediaType = "application/problem+json"))
    Mono<ResponseEntity<String>> replay(@Parameter(hidden = true) ServerWebExchange exchange,
            @PathVariable @Parameter(description = "the service's name", example = "points") String service,
            @PathVariable @Parameter(description = "as listed", example =
                    "mengkeju.catalog.achievements.points-achievement-awards.dlt:0:42") String deadLetterId) {
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        return Mono.defer(() -> console.replay(caller, service, deadLetterId));
    }
}
