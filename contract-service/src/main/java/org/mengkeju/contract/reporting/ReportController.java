package org.mengkeju.contract.reporting;

import java.time.YearMonth;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.contract.reporting.ContractReports.PostSubsidies;
import org.mengkeju.contract.reporting.ContractReports.StatisticsRow;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the contract reports: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Contract reports", description = "后补助 eligibility per claim year and registration statistics")
@RequestMapping("/api/v1/contract")
class ReportController {

    private final ContractReports reports;

    ReportController(ContractReports reports) {
        this.reports = reports;
    }

    @GetMapping("/post-subsidies")
    @Operation(operationId = "listPostSubsidyEligibleContracts",
            summary = "Contracts eligible for post-subsidies (后补助) in a claim year",
            description = "Registered contracts whose seller and buyer are both in Inner Mongolia, registered from 1 "
                    + "November of the year before to 31 October (local days), with totals per institution and per "
                    + "broker. For the platform's operators (all regions) and registration institutions (their "
                    + "league-city).")
    @ApiResponse(responseCode = "200", description = "The claim year's eligible contracts and totals.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PostSubsidies.class),
                    examples = @ExampleObject(name = "claim-2026", value = ReportExamples.POST_SUBSIDIES_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not an operator or registration institution.")
    PostSubsidies postSubsidies(CallerIdentity caller,
            @Parameter(description = "The claim year; the current one when absent.", example = "2026")
            @RequestParam(required = false) @Min(2000) @Max(2100) Integer claimYear) {
        return reports.postSubsidies(caller, claimYear == null ? reports.currentClaimYear() : new ClaimYear(claimYear));
    }

    @GetMapping("/statistics")
    @Operation(operationId = "contractStatistics",
            summary = "Registered contracts and technology transaction amounts by month, type and league-city",
            description = "Months are local (Asia/Shanghai); the league-city is the seller's. A cancelled or revoked "
                    + "registration no longer counts; a changed one counts with its changed amount.")
    @ApiResponse(responseCode = "200", description = "One row per month, type and league-city with registrations.",
            content = @Content(mediaType = "application/json",
                    array = @ArraySchema(schema = @Schema(implementation = StatisticsRow.class)),
                    examples = @ExampleObject(name = "may-2026", value = ReportExamples.STATISTICS_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not an operator or registration institution.")
    List<StatisticsRow> statistics(CallerIdentity caller,
            @Parameter(description = "First month, yyyy-MM; January of this year when absent.", example = "2026-01")
            @RequestParam(required = false) @Pattern(regexp = "^[0-9]{4}-(0[1-9]|1[0-2])$",
                    message = "must be a month as yyyy-MM") String from,
            @Parameter(description = "Last month, yyyy-MM; December of this year when absent.", example = "2026-12")
            @RequestParam(required = false) @Pattern(regexp = "^[0-9]{4}-(0[1-9]|1[0-2])$",
                    message = "must be a month as yyyy-MM") String to) {
        int year = reports.today().getYear();
        YearMonth first = from == null ? YearMonth.of(year, 1) : YearMonth.parse(from);
        YearMonth last = to == null ? YearMonth.of(year, 12) : YearMonth.parse(to);
        return reports.statistics(caller, first, last);
    }
}
