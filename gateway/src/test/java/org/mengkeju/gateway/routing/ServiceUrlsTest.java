package org.mengkeju.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ServiceUrlsTest {

    @Test
    void aServiceNotConfiguredIsExpectedOnLocalhostAtItsDefaultPort() {
        var urls = new ServiceUrls(Map.of("contract", URI.create("http://contract-service:8083")));

        assertThat(urls.of(Downstream.CONTRACT)).isEqualTo(URI.create("http://contract-service:8083"));
        assertThat(urls.of(Downstream.POINTS)).isEqualTo(URI.create("http://localhost:8084"));
        assertThat(urls.of(Downstream.CATALOG)).isEqualTo(URI.create("http://localhost:8081"));
    }

    @Test
    void aNameNoServiceHasIsRefusedWithTheNamesThatExist() {
        assertThatThrownBy(() -> new ServiceUrls(Map.of("contracts", URI.create("http://localhost:8083"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("mengkeju.gateway.services.contracts names no service; the services are "
                        + "catalog, matching, contract, points, finance");
    }

    @Test
    void aUrlWithAPathIsRefused() {
        assertThatThrownBy(() -> new ServiceUrls(Map.of("catalog", URI.create("http://catalog-service:8081/api"))))
                .hasMessageContaining("mengkeju.gateway.services.catalog")
                .hasMessageContaining("paths are forwarded unchanged");
    }

    @Test
    void routesEachServiceByItsOneName() {
        assertThat(Downstream.CONTRACT.pathPattern()).isEqualTo("/api/v1/contract/**");
        assertThat(Downstream.CONTRACT.serviceName()).isEqualTo("contract-service");
        assertThat(Downstream.byKey("contracts")).isEmpty();
    }
}
