package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void parsesEveryFlagInBothForms() {
        Launcher.Options options = Launcher.Options.parse(new String[] {
                "--data", "/tmp/d", "--repo=/src/mengkeju", "--gateway-port", "18080", "--kafka-port=19092",
                "--health-timeout", "90", "--service-jvm-opts", "-Xmx128m  -XX:+UseSerialGC", "--infra-only"});

        assertThat(options.data).isEqualTo(Path.of("/tmp/d"));
        assertThat(options.repository).isEqualTo(Path.of("/src/mengkeju"));
        assertThat(options.ports).containsExactly(
                new Launcher.Options.PortOption(Component.GATEWAY, 18080),
                new Launcher.Options.PortOption(Component.KAFKA, 19092));
        assertThat(options.healthTimeout).isEqualTo(Duration.ofSeconds(90));
        assertThat(options.serviceJvmOptions).containsExactly("-Xmx128m", "-XX:+UseSerialGC");
        assertThat(options.infraOnly).isTrue();
    }

    @Test
    void demoLoadsTheScenarioAndNeedsTheServices() {
        assertThat(Launcher.Options.parse(new String[] {"--demo"}).demo).isTrue();
        assertThat(Launcher.Options.parse(new String[] {}).demo).isFalse();
        assertThat(Launcher.USAGE).contains("--demo");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--demo", "--infra-only"}))
                .hasMessageContaining("--demo needs the services");
    }

    @Test
    void loadingTheDemoIntoAComposePlatformNeedsItsGatewayAndTheAdministratorsKey() {
        assertThat(Launcher.Options.parse(new String[] {"--load-demo-into", "http://gateway:8080"}).demoGateway)
                .isEqualTo("http://gateway:8080");
        assertThat(Launcher.USAGE).contains("--load-demo-into").contains(Launcher.ADMIN_KEY_VARIABLE);
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--load-demo-into=gateway:8080/api"}))
                .hasMessageStartingWith("--load-demo-into: not a gateway URL");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.loadDemoInto("http://localhost:1", "", new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("MENGKEJU_ADMIN_CLIENT_KEY");
    }

    @Test
    void everyPortHasAFlagInTheUsage() {
        for (Component component : Component.values()) {
            assertThat(Launcher.USAGE).contains(component.portFlag());
        }
    }

    @Test
    void rejectsUnknownFlagsAndBadPorts() {
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--gatway-port", "1"}))
                .hasMessage("unknown option: --gatway-port");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--mongo-port", "x"}))
                .hasMessage("--mongo-port: not a number: x");
        assertThatThrownBy(() -> Launcher.Options.parse(new String[] {"--data"}))
                .hasMessage("--data needs a value");

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Launcher.run(new String[] {"--nope"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("unknown option: --nope");
    }
}
