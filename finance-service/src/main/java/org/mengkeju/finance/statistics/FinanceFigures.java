package org.mengkeju.finance.statistics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.finance.lead.LeadStatus;
import org.mengkeju.platform.metrics.BusinessFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The financing figures as metrics for the dashboards: {@code mengkeju_finance_disbursed_yuan} (the total financing
 * brought), {@code mengkeju_finance_loans_disbursed}, {@code mengkeju_finance_leads} and
 * {@code mengkeju_finance_leads_by_status{status}}. Counted when the metrics are
 * read and the last count is older than {@code mengkeju.finance.figures-refresh}, so an unwatched service counts
 * nothing and a watched one at most once per interval.
 */
@Component
class FinanceFigures {

    static final String DISBURSED = "mengkeju.finance.disbursed.yuan";
    static final String LOANS = "mengkeju.finance.loans.disbursed";
    static final String LEADS = "mengkeju.finance.leads";
    static final String LEADS_BY_STATUS = "mengkeju.finance.leads.by.status";

    private final FinanceStatistics statistics;
    private final Clock clock;
    private final Duration refresh;
    private volatile FinanceStatistics.Figures figures;
    private volatile Instant countedAt = Instant.EPOCH;

    FinanceFigures(FinanceStatistics statistics, MongoTemplate mongo, Clock clock, MeterRegistry meters,
            @Value("${mengkeju.finance.figures-refresh:60s}") Duration refresh) {
        this.statistics = statistics;
        this.clock = clock;
        this.refresh = refresh;
        Gauge.builder(DISBURSED, this, f -> f.current().totalFinancingYuan().doubleValue())
                .description("financing brought: the yuan disbursed on the platform's leads (a gauge of an exact sum)")
                .baseUnit("yuan").register(meters);
        Gauge.builder(LOANS, this, f -> f.current().loansDisbursed())
                .description("loans disbursed on the platform's leads").register(meters);
        Gauge.builder(LEADS, this, f -> f.current().leads()).description("leads opened, in any status")
                .register(meters);
        new BusinessFigures(mongo, clock, refresh, "leads", "status").countEach(meters, LEADS_BY_STATUS, "status",
                Arrays.stream(LeadStatus.values()).map(Enum::name).toList(), "leads in each status, for the funnel");
    }

    private FinanceStatistics.Figures current() {
        if (figures == null || countedAt.plus(refresh).isBefore(clock.instant())) {
            recount();
        }
        return figures;
    }

    private synchronized void recount() {
        if (figures != null && !countedAt.plus(refresh).isBefore(clock.instant())) {
            return; // another scrape thread counted meanwhile
        }
        figures = statistics.platform();
        countedAt = clock.instant();
    }
}
