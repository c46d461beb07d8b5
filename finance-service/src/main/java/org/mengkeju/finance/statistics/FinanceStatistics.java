package org.mengkeju.finance.statistics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The figures of the financing the platform brings, for dashboards: leads by product and status, the approval rate,
 * disbursed amounts by institution, product and month, and the total. Operators see the whole platform, a finance
 * institution its own leads. Counted from the leads themselves (a disbursed loan counts even after its enterprise
 * withdrew consent: the money reached it), in exact yuan.
 */
@Service
public class FinanceStatistics {

    private final MongoTemplate mongo;

    FinanceStatistics(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public record ProductStatusCount(String productId, String productName, String status, long leads) {
    }

    public record Disbursed(String key, BigDecimal yuan, long loans) {
    }

    public record Figures(String scope, long leads, List<ProductStatusCount> leadsByProductAndStatus,
            BigDecimal approvalRate, long approved, long rejected, List<Disbursed> disbursedByInstitution,
            List<Disbursed> disbursedByProduct, List<Disbursed> disbursedByMonth, long loansDisbursed,
            BigDecimal totalFinancingYuan) {
    }

    public Figures figures(CallerIdentity caller) {
        Criteria scope = switch (caller.role()) {
            case OPERATOR -> new Criteria();
            case FINANCE_INSTITUTION -> {
                if (caller.institutionId() == null) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no finance institution");
                }
                yield Criteria.where("institutionId").is(caller.institutionId());
            }
            default -> throw ApiProblem.forbidden("financing figures are for operators and finance institutions");
        };
        return count(caller.is(Role.OPERATOR) ? "platform" : caller.institutionId(), scope);
    }

    /** The platform's totals, for the metrics. */
    Figures platform() {
        return count("platform", new Criteria());
    }

    private Figures count(String scopeName, Criteria scope) {
        Query query = Query.query(scope).cursorBatchSize(5_000);
        query.fields().include("productId").include("productName").include("institutionId").include("status")
                .include("approvedAmountYuan").include("disbursedAmountYuan").include("disbursedOn");
        Map<List<String>, Long> byProductAndStatus = new TreeMap<>(Comparator.comparing((List<String> k) -> k.get(0))
                .thenComparing(k -> k.get(2)));
        Map<String, String> productNames = new TreeMap<>();
        Map<String, Sum> byInstitution = new TreeMap<>();
        Map<String, Sum> byProduct = new TreeMap<>();
        Map<String, Sum> byMonth = new TreeMap<>();
        long leads = 0;
        long approved = 0;
        long rejected = 0;
        long loans = 0;
        BigDecimal total = BigDecimal.ZERO;
        try (var stream = mongo.stream(query, LeadRow.class, "leads")) {
            for (LeadRow lead : (Iterable<LeadRow>) stream::iterator) {
                leads++;
                String productId = lead.productId();
                String status = lead.status();
                productNames.putIfAbsent(productId, lead.productName());
                byProductAndStatus.merge(List.of(productId, "", status), 1L, Long::sum);
                if (lead.approvedAmountYuan() != null) {
                    approved++;
                }
                if ("REJECTED".equals(status)) {
                    rejected++;
                }
                BigDecimal disbursed = lead.disbursedAmountYuan();
                if (disbursed != null) {
                    loans++;
                    total = total.add(disbursed);
                    byInstitution.computeIfAbsent(lead.institutionId(), k -> new Sum()).add(disbursed);
                    byProduct.computeIfAbsent(productId, k -> new Sum()).add(disbursed);
                    String month = lead.disbursedOn() == null ? "unknown"
                            : lead.disbursedOn().toString().substring(0, 7);
                    byMonth.computeIfAbsent(month, k -> new Sum()).add(disbursed);
                }
            }
        }
        List<ProductStatusCount> counts = new ArrayList<>();
        byProductAndStatus.forEach((key, n) -> counts.add(new ProductStatusCount(key.get(0),
                productNames.get(key.get(0)), key.get(2), n)));
        long decided = approved + rejected;
        BigDecimal rate = decided == 0 ? null
                : BigDecimal.valueOf(approved).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_UP);
        return new Figures(scopeName, leads, counts, rate, approved, rejected, list(byInstitution), list(byProduct),
                list(byMonth), loans, total);
    }

    private static List<Disbursed> list(Map<String, Sum> sums) {
        return sums.entrySet().stream().map(e -> new Disbursed(e.getKey(), e.getValue().yuan, e.getValue().loans))
                .toList();
    }

    /** The fields of a lead the figures need, read as the leads were written. */
    record LeadRow(String productId, String productName, String institutionId, String status,
            BigDecimal approvedAmountYuan, BigDecimal disbursedAmountYuan, LocalDate disbursedOn) {
    }

    private static final class Sum {
        BigDecimal yuan = BigDecimal.ZERO;
        long loans;

        void add(BigDecimal amount) {
            yuan = yuan.add(amount);
            loans++;
        }
    }
}
