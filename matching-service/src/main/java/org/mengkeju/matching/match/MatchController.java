package org.mengkeju.matching.match;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.mengkeju.matching.match.MatchViews.AchievementView;
import org.mengkeju.matching.match.MatchViews.AchievementsForDemand;
import org.mengkeju.matching.match.MatchViews.DemandSummary;
import org.mengkeju.matching.match.MatchViews.DemandsForAchievement;
import org.mengkeju.matching.match.MatchViews.MatchedAchievement;
import org.mengkeju.matching.match.MatchViews.MatchedDemand;
import org.mengkeju.matching.match.MatchViews.ReasonView;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of explained matching: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Matching", description = "供需对接: achievements for a demand and demands for an achievement, each result "
        + "with the reasons it is there and what each adds to its score")
@RequestMapping("/api/v1/matching")
class MatchController {

    private final Matchmaker matchmaker;

    MatchController(Matchmaker matchmaker) {
        this.matchmaker = matchmaker;
    }

    @GetMapping("/demands/{id}/matches")
    @Operation(operationId = "matchAchievementsToDemand", summary = "Achievements that fit a demand",
            description = "Public achievements of the demand's chain or sharing telling words with it, best first, "
                    + "ties by id. The score is the sum of the reasons' points: same chain, shared words, how close "
                    + "the text comes to the problem (the closest candidate gets the most), and, in proportion to that "
                    + "closeness, a wanted transfer mode on offer, asking price against the budget, maturity against "
                    + "what is needed, same league-city. Finance institutions do not ask for matches.")
    @ApiResponse(responseCode = "200", description = "The ranking; empty when nothing fits yet.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AchievementsForDemand.class),
            examples = @ExampleObject(name = "cerium", value = MatchExamples.ACHIEVEMENTS_FOR_DEMAND)))
    @ApiResponse(responseCode = "403", description = "A finance institution.")
    AchievementsForDemand achievementsForDemand(CallerIdentity caller,
            @Parameter(description = "The demand's id.", example = MatchExamples.DEMAND_ID) @PathVariable String id,
            @Parameter(description = "How many, 1 to 50.", example = "10")
            @RequestParam(defaultValue = "10") @Min(1) @Max(Matchmaker.MAX_RESULTS) int limit) {
        var ranked = matchmaker.achievementsFor(caller, id, limit).stream()
                .map(r -> new MatchedAchievement(AchievementView.of(r.achievement()), r.match().score(),
                        ReasonView.of(r.match())))
                .toList();
        return new AchievementsForDemand(id, ranked);
    }

    @GetMapping("/achievements/{achievementId}/demands")
    @Operation(operationId = "matchDemandsToAchievement", summary = "Open demands an achievement could solve",
            description = "Open demands (not those sent back for re-diagnosis) of the achievement's chain or sharing "
                    + "telling words with it, best first, with the same reasons as a demand's ranking. Contact "
                    + "persons are not shown here.")
    @ApiResponse(responseCode = "200", description = "The ranking; empty when nothing fits yet.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = DemandsForAchievement.class),
            examples = @ExampleObject(name = "cerium", value = MatchExamples.DEMANDS_FOR_ACHIEVEMENT)))
    @ApiResponse(responseCode = "403", description = "A finance institution.")
    DemandsForAchievement demandsForAchievement(CallerIdentity caller,
            @Parameter(description = "The catalog's id of a public achievement.", example = MatchExamples.ACHIEVEMENT_ID)
            @PathVariable String achievementId,
            @Parameter(description = "How many, 1 to 50.", example = "10")
            @RequestParam(defaultValue = "10") @Min(1) @Max(Matchmaker.MAX_RESULTS) int limit) {
        var ranked = matchmaker.demandsFor(caller, achievementId, limit).stream()
                .map(r -> new MatchedDemand(DemandSummary.of(r.demand()), r.match().score(),
                        ReasonView.of(r.match())))
                .toList();
        return new DemandsForAchievement(achievementId, ranked);
    }

    @GetMapping("/achievements/{achievementId}")
    @Operation(operationId = "getOfferedAchievement", summary = "Read a public achievement as matching holds it",
            description = "This service's copy of a public achievement, kept from the catalog's events. A listing that "
                    + "left public view (withdrawn, back in review) is not found here.")
    @ApiResponse(responseCode = "200", description = "The achievement.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = AchievementView.class),
            examples = @ExampleObject(name = "cerium", value = MatchExamples.ACHIEVEMENT)))
    AchievementView achievement(CallerIdentity caller,
            @Parameter(description = "The catalog's id of a public achievement.", example = MatchExamples.ACHIEVEMENT_ID)
            @PathVariable String achievementId) {
        return AchievementView.of(matchmaker.achievement(caller, achievementId));
    }
}
