package org.mengkeju.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class BackendServiceTest {

    @Test
    void everyServiceHasItsOwnNameAndPortAndNoneTakesTheGatewaysPort() {
        Set<Integer> ports = new HashSet<>(Set.of(BackendService.GATEWAY_PORT));
        Set<String> ids = new HashSet<>();
        for (BackendService service : BackendService.values()) {
            assertThat(ports.add(service.defaultPort())).as("port of %s", service.id()).isTrue();
            assertThat(ids.add(service.id())).as("name of %s", service).isTrue();
            assertThat(service.id()).matches("[a-z]+");
        }
    }

    @Test
    void theContractServiceIsCalledContractEverywhere() {
        BackendService contract = BackendService.byId("contract").orElseThrow();

        assertThat(contract.module()).isEqualTo("contract-service");
        assertThat(contract.database()).isEqualTo("contract");
        assertThat(contract.apiArea()).isEqualTo("/api/v1/contract");
        assertThat(contract.basePackage()).isEqualTo("org.mengkeju.contract");
        assertThat(contract.environmentName()).isEqualTo("CONTRACT");
        assertThat(BackendService.byId("contracts")).isEmpty();
        assertThat(BackendService.byModule("contract-service")).contains(contract);
    }
}
