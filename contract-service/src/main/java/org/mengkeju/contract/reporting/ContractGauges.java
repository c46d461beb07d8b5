package org.mengkeju.contract.reporting;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.contract.registration.ContractStatus;
import org.mengkeju.platform.metrics.BusinessFigures;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The registration desk's business figures for the transaction-funnel dashboard:
 * {@code mengkeju_contract_contracts{status}} and {@code mengkeju_contract_registered_technology_amount_yuan}, the
 * technology transaction amount (技术交易额) of the registered contracts, counted at most once per
 * {@code mengkeju.contract.figures-refresh}.
 */
@Component
class ContractGauges {

    static final String CONTRACTS = "mengkeju.contract.contracts";
    static final String REGISTERED_AMOUNT = "mengkeju.contract.registered.technology.amount.yuan";

    ContractGauges(MongoTemplate mongo, Clock clock, MeterRegistry meters,
            @Value("${mengkeju.contract.figures-refresh:60s}") Duration refresh) {
        new BusinessFigures(mongo, clock, refresh, "contracts", "status")
                .countEach(meters, CONTRACTS, "status", Arrays.stream(ContractStatus.values()).map(Enum::name)
                        .toList(), "technology contracts in each status")
                .sumOver(meters, REGISTERED_AMOUNT, "technologyTransactionAmountYuan",
                        List.of(ContractStatus.REGISTERED.name()),
                        "technology transaction amount of the registered contracts, yuan");
    }
}
