package org.mengkeju.finance.statistics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the financing figures: translation only, no rules. */
@RestController
@Tag(name = "Financing figures", description = "科技金融 figures for dashboards")
@RequestMapping("/api/v1/finance")
class StatisticsController {

    static final String EXAMPLE = """
            {"scope":"platform","leads":128,"leadsByProductAndStatus":[
              {"productId":"fp-9a0b1c2d3e4f5061","productName":"知识产权质押贷","status":"DISBURSED","leads":12},
              {"productId":"fp-9a0b1c2d3e4f5061","productName":"知识产权质押贷","status":"NEW","leads":80}],
             "approvalRate":0.6000,"approved":18,"rejected":12,
             "disbursedByInstitution":[{"key":"boimc","yuan":41500000.00,"loans":12}],
             "disbursedByProduct":[{"key":"fp-9a0b1c2d3e4f5061","yuan":41500000.00,"loans":12}],
             "disbursedByMonth":[{"key":"2026-11","yuan":41500000.00,"loans":12}],
             "loansDisbursed":12,"totalFinancingYuan":41500000.00}""";

    private final FinanceStatistics statistics;

    StatisticsController(FinanceStatistics statistics) {
        this.statistics = statistics;
    }

    @GetMapping("/statistics")
    @Operation(operationId = "getFinancingFigures", summary = "Financing figures for dashboards",
            description = "Leads by product and status, the approval rate (approved among those decided), the "
                    + "disbursed amounts by institution, product and month (local, Asia/Shanghai) and the total "
                    + "financing brought. Operators see the platform; a finance institution sees its own leads.")
    @ApiResponse(responseCode = "200", description = "The figures.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = FinanceStatistics.Figures.class),
            examples = @ExampleObject(name = "figures", value = EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators and finance institutions read the figures.")
    FinanceStatistics.Figures figures(CallerIdentity caller) {
        return statistics.figures(caller);
    }
}
