package org.mengkeju.points.expiry;

import java.time.LocalDate;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.points.expiry.PointsExpiry.Run;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the expiry of points: translation only. */
@RestController
@Validated
@Tag(name = "Point expiry", description = "积分过期: unused points expire after the configured period")
class ExpiryController {

    private static final String RUN_EXAMPLE = """
            {"day":"2026-11-30"}""";
    private static final String RESULT_EXAMPLE = """
            {"day":"2026-11-30","creditedBefore":"2024-11-30","accounts":37,"expired":4,"points":1250}""";

    private final PointsExpiry expiry;

    ExpiryController(PointsExpiry expiry) {
        this.expiry = expiry;
    }

    /** A day to run the expiry of, in the region's local time. */
    record RunExpiry(@NotNull LocalDate day) {
    }

    @PostMapping("/api/v1/points/expiry-runs")
    @Operation(operationId = "runPointExpiry", summary = "Run the expiry of a day",
            description = "Expires, for every holder, the points credited before the day less the period and not "
                    + "used since (oldest points are used first), by transfers to system:points-expired dated that "
                    + "day. The service runs today's expiry by itself; running a day again changes nothing.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RunExpiry.class),
                    examples = @ExampleObject(name = "today", value = RUN_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "What the day's expiry moved.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = Run.class),
            examples = @ExampleObject(name = "today", value = RESULT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators run the expiry.")
    Run run(CallerIdentity caller, @Valid @RequestBody RunExpiry request) {
        return expiry.run(caller, request.day());
    }
}
