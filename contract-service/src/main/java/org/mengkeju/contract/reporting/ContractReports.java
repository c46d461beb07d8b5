package org.mengkeju.contract.reporting;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mengkeju.contract.registration.Contract;
import org.mengkeju.contract.registration.ContractStatus;
import org.mengkeju.contract.registration.ContractType;
import org.mengkeju.contract.registration.Party;
import org.mengkeju.contract.registration.RegistrationPolicy;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Reports over registered contracts: post-subsidy eligibility per claim year (后补助) and registration statistics
 * for dashboards. A contract counts while it is registered: a cancelled or revoked registration drops out, a changed
 * one counts with its amounts as changed. Read from the contracts themselves, so they are always current.
 */
@Service
public class ContractReports {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MongoTemplate mongo;
    private final RegistrationPolicy policy;
    private final Clock clock;

    ContractReports(MongoTemplate mongo, RegistrationPolicy policy, Clock clock) {
        this.mongo = mongo;
        this.policy = policy;
        this.clock = clock;
    }

    /** An eligible contract as the claim lists it. */
    public record EligibleContract(String contractId, String registrationNumber, LocalDate registeredOn,
            ContractType type, Party seller, Party buyer, List<Party> brokers, BigDecimal contractAmountYuan,
            BigDecimal technologyTransactionAmountYuan) {
    }

    /** What one institution (seller, buyer or broker) has in a claim year, keyed by its credit code. */
    public record Total(String creditCode, String name, String institutionId, long contracts,
            BigDecimal contractAmountYuan, BigDecimal technologyTransactionAmountYuan) {

        Total plus(EligibleContract contract) {
            return new Total(creditCode, name, institutionId, contracts + 1,
                    contractAmountYuan.add(contract.contractAmountYuan()),
                    technologyTransactionAmountYuan.add(contract.technologyTransactionAmountYuan()));
        }
    }

    /** The post-subsidy list of a claim year: the contracts, and totals per institution and per broker. */
    public record PostSubsidies(int claimYear, LocalDate from, LocalDate to, List<EligibleContract> contracts,
            List<Total> perInstitution, List<Total> perBroker) {
    }

    /** Registered count and technology transaction amount of one month, type and league-city. */
    public record StatisticsRow(YearMonth month, ContractType type, String regionCode, long registered,
            BigDecimal technologyTransactionAmountYuan) {
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), CHINA);
    }

    public ClaimYear currentClaimYear() {
        return ClaimYear.of(today());
    }

    /**
     * 后补助: a registered contract whose seller and buyer are both in the region is eligible in the claim year of
     * its registration day. Totals per institution count each party's contracts (seller and buyer alike), per broker
     * the contracts it brokered, so annual performance can be read off them.
     */
    public PostSubsidies postSubsidies(CallerIdentity caller, ClaimYear year) {
        Optional<String> region = scope(caller);
        List<EligibleContract> eligible = new ArrayList<>();
        for (Contract contract : registeredBetween(region, year.firstDay(), year.lastDay())) {
            if (contract.terms().seller().inRegion() && contract.terms().buyer().inRegion()) {
                eligible.add(new EligibleContract(contract.id(), contract.registrationNumber(), localDay(contract),
                        contract.terms().type(), contract.terms().seller(), contract.terms().buyer(),
                        contract.terms().brokers(), contract.terms().contractAmountYuan().setScale(2),
                        contract.technologyTransactionAmountYuan()));
            }
        }
        Map<String, Total> institutions = new LinkedHashMap<>();
        Map<String, Total> brokers = new LinkedHashMap<>();
        for (EligibleContract contract : eligible) {
            add(institutions, contract.seller(), contract);
            add(institutions, contract.buyer(), contract);
            contract.brokers().forEach(broker -> add(brokers, broker, contract));
        }
        return new PostSubsidies(year.year(), year.firstDay(), year.lastDay(), eligible, sorted(institutions),
                sorted(brokers));
    }

    /** Registered contracts by month (local), type and league-city of the seller, from {@code from} to {@code to}. */
    public List<StatisticsRow> statistics(CallerIdentity caller, YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            throw ApiProblem.invalid("period-ends-before-start", "Period ends before it starts",
                    "to (" + to + ") is before from (" + from + ")");
        }
        if (from.plusYears(5).isBefore(to)) {
            throw ApiProblem.invalid("period-too-long", "Period too long", "statistics cover at most five years");
        }
        Optional<String> region = scope(caller);
        record Key(YearMonth month, ContractType type, String regionCode) {
        }
        Map<Key, StatisticsRow> rows = new LinkedHashMap<>();
        for (Contract contract : registeredBetween(region, from.atDay(1), to.atEndOfMonth())) {
            Key key = new Key(YearMonth.from(localDay(contract)), contract.terms().type(),
                    contract.registrationRegionCode());
            StatisticsRow row = rows.getOrDefault(key,
                    new StatisticsRow(key.month(), key.type(), key.regionCode(), 0, BigDecimal.ZERO.setScale(2)));
            rows.put(key, new StatisticsRow(row.month(), row.type(), row.regionCode(), row.registered() + 1,
                    row.technologyTransactionAmountYuan().add(contract.technologyTransactionAmountYuan())));
        }
        return rows.values().stream().sorted(Comparator.comparing(StatisticsRow::month)
                .thenComparing(StatisticsRow::regionCode).thenComparing(StatisticsRow::type)).toList();
    }

    private List<Contract> registeredBetween(Optional<String> region, LocalDate first, LocalDate last) {
        Criteria criteria = Criteria.where("status").is(ContractStatus.REGISTERED)
                .and("registeredAt").gte(first.atStartOfDay(CHINA).toInstant())
                .lt(last.plusDays(1).atStartOfDay(CHINA).toInstant());
        region.ifPresent(code -> criteria.and("registrationRegionCode").is(code));
        return mongo.find(Query.query(criteria).with(Sort.by("_id")), Contract.class);
    }

    /**
     * Reports are the operators': the platform's (all regions) and a registration institution's (its league-city).
     *
     * @return the league-city the caller is limited to, if any
     */
    Optional<String> scope(CallerIdentity caller) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("contract reports are for the platform's operators and the registration "
                    + "institutions, not a " + caller.role() + " client");
        }
        return policy.operatorRegion(caller.institutionId());
    }

    private static LocalDate localDay(Contract contract) {
        return LocalDate.ofInstant(contract.registeredAt(), CHINA);
    }

    private static void add(Map<String, Total> totals, Party party, EligibleContract contract) {
        totals.compute(party.creditCode(), (code, total) -> (total == null
                ? new Total(code, party.name(), party.institutionId(), 0, BigDecimal.ZERO.setScale(2),
                        BigDecimal.ZERO.setScale(2))
                : total).plus(contract));
    }

    private static List<Total> sorted(Map<String, Total> totals) {
        return totals.values().stream().sorted(Comparator.comparing(Total::technologyTransactionAmountYuan)
                .reversed().thenComparing(Total::creditCode)).toList();
    }
}
