package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A taken port is reported by number and owner, before anything starts. */
class PortInUseTest {

    @TempDir
    Path repository;

    @TempDir
    Path data;

    @Test
    void namesTheGatewayPortAndItsFlag() throws IOException {
        FakeServiceJars.createRepository(repository);
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            LocalPlatform platform = LocalPlatform.builder().repositoryRoot(repository).dataDirectory(data)
                    .ephemeralPorts().port(Component.GATEWAY, port).build();

            assertThatThrownBy(platform::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " (gateway) is already in use; stop what uses it or pass --gateway-port")
                    .satisfies(e -> {
                        assertThat(((PortInUseException) e).port()).isEqualTo(port);
                        assertThat(((PortInUseException) e).component()).isEqualTo(Component.GATEWAY);
                    });
        }
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void namesTheKafkaPortWhenOnlyTheInfrastructureStarts() throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            LocalPlatform platform = LocalPlatform.builder().repositoryRoot(repository).dataDirectory(data)
                    .ephemeralPorts().port("kafka", port).infrastructureOnly(true).build();

            assertThatThrownBy(platform::start)
                    .isInstanceOf(PortInUseException.class)
                    .hasMessage("port " + port + " (kafka) is already in use; stop what uses it or pass --kafka-port");
        }
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void theCommandLinePrintsOneLineAndExitsNonZero() throws IOException {
        FakeServiceJars.createRepository(repository);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (ServerSocket taken = new ServerSocket(0)) {
            int port = taken.getLocalPort();
            int exit = Launcher.run(new String[] {"--repo", repository.toString(), "--data=" + data,
                            "--gateway-port=0", "--catalog-port=0", "--matching-port=0", "--contract-port=0",
                            "--points-port=0", "--finance-port=0", "--kafka-port=0", "--kafka-controller-port=0",
                            "--mongo-port", String.valueOf(port)},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

            assertThat(exit).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8).strip())
                    .isEqualTo("port " + port + " (mongo) is already in use; stop what uses it or pass --mongo-port");
        }
    }
}
