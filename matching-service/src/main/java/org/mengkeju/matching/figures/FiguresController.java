package org.mengkeju.matching.figures;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.matching.figures.DemandFigures.Figures;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the demand figures: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Figures", description = "How well the market answers its demands, for dashboards")
@RequestMapping("/api/v1/matching/figures")
class FiguresController {

    static final String EXAMPLE = """
            {"regionCode":"150200","posted":120,"open":31,"matched":22,"closed":52,"expired":15,"everMatched":71,
             "matchedShare":0.5917,"refined":70,"sentBack":28,"longTermTracking":17,"withProposal":96,
             "medianHoursToFirstProposal":38.50}""";

    private final DemandFigures figures;

    FiguresController(DemandFigures figures) {
        this.figures = figures;
    }

    @GetMapping("/demands")
    @Operation(operationId = "demandFigures", summary = "Demand response figures",
            description = "Demands by status, the share ever matched (`matchedShare`, 0 to 1), the brokers' triage, and "
                    + "the median hours to a first proposal. Operators read any league-city or, without `region`, "
                    + "all; sub-centers and brokers of a league-city read their own.")
    @ApiResponse(responseCode = "200", description = "The figures.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = Figures.class),
            examples = @ExampleObject(name = "baotou", value = EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Partners and finance institutions, or another league-city.")
    Figures demands(CallerIdentity caller,
            @Parameter(description = "Only this league-city (six-digit code).", example = "150200")
            @RequestParam(required = false) @Pattern(regexp = "[0-9]{6}", message = "must be six digits")
            String region) {
        return figures.of(caller, region);
    }
}
