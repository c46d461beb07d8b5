package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mengkeju.topology.BackendService;

class ComponentTest {

    @Test
    void startsEveryBackendServiceUnderItsModuleNameAndPortThenTheGateway() {
        assertThat(Component.services()).hasSize(BackendService.values().length + 1).endsWith(Component.GATEWAY);
        for (BackendService service : BackendService.values()) {
            Component component = Component.of(service.module());
            assertThat(Component.services()).contains(component);
            assertThat(component.isBackendService()).isTrue();
            assertThat(component.defaultPort()).isEqualTo(service.defaultPort());
            assertThat(component.database()).isEqualTo(service.database());
            assertThat(component.gatewayRouteKey()).isEqualTo(service.id());
            assertThat(component.portFlag()).isEqualTo("--" + service.id() + "-port");
        }
        assertThat(Component.GATEWAY.defaultPort()).isEqualTo(BackendService.GATEWAY_PORT);
    }

    @Test
    void theHelpTextNamesEveryPortFlagWithItsDefault() {
        for (Component component : Component.values()) {
            assertThat(Launcher.USAGE).containsPattern(
                    "(?m)^\\s*" + component.portFlag() + " <\\w+>\\s.*default " + component.defaultPort() + "$");
        }
    }
}
