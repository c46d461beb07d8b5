package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process side of {@link LocalPlatform}, with stand-in service jars ({@link FakeService}): the real services are
 * started by the system tests.
 */
class LocalPlatformServicesTest {

    @TempDir
    Path repository;

    @TempDir
    Path data;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<String> progress = new CopyOnWriteArrayList<>();

    @BeforeEach
    void fakeServiceJars() throws IOException {
        FakeServiceJars.createRepository(repository);
    }

    @Test
    void startsEveryServiceWithItsArgumentsWaitsUntilHealthyAndStopsThem() throws Exception {
        LocalPlatform platform = platform().build();
        List<Integer> ports;
        try (platform) {
            platform.start();

            assertThat(get(platform.gatewayUrl() + "/actuator/health")).isEqualTo(200);
            assertThat(progress).anyMatch(m -> m.startsWith("gateway healthy"));
            DevCredentials.IdentityKey identityKey = platform.identityKey();

            String catalog = Files.readString(platform.logFile("catalog-service"));
            assertThat(catalog).contains(
                    "arg --server.port=" + platform.port(Component.CATALOG),
                    "arg --spring.mongodb.uri=" + platform.mongoUri() + "/catalog",
                    "arg --spring.kafka.bootstrap-servers=" + platform.kafkaBootstrapServers(),
                    "arg --server.address=127.0.0.1",
                    "env MENGKEJU_IDENTITY_KEYS=" + identityKey.kid() + ":" + identityKey.publicKey());
            // A service can verify identities but holds nothing to mint one with.
            assertThat(catalog).doesNotContain("MENGKEJU_IDENTITY_SIGNER", identityKey.privateKey());
            assertThat(Files.readString(platform.logFile("contract-service")))
                    .contains("arg --spring.mongodb.uri=" + platform.mongoUri() + "/contract");

            String gateway = Files.readString(platform.logFile("gateway"));
            assertThat(gateway).contains(
                    "arg --server.port=" + platform.port(Component.GATEWAY),
                    "env MENGKEJU_IDENTITY_SIGNER_KID=" + identityKey.kid(),
                    "env MENGKEJU_IDENTITY_SIGNER_KEY=" + identityKey.privateKey(),
                    "arg --mengkeju.gateway.services.catalog=" + platform.serviceUrl("catalog-service"),
                    "arg --mengkeju.gateway.services.matching=" + platform.serviceUrl("matching-service"),
                    "arg --mengkeju.gateway.services.contract=" + platform.serviceUrl("contract-service"),
                    "arg --mengkeju.gateway.services.points=" + platform.serviceUrl("points-service"),
                    "arg --mengkeju.gateway.services.finance=" + platform.serviceUrl("finance-service"),
                    "arg --mengkeju.gateway.clients[0].client-id=dev-partner",
                    "arg --mengkeju.gateway.clients[0].role=PARTNER",
                    "arg --mengkeju.gateway.clients[0].institution-id=imut",
                    "arg --mengkeju.gateway.clients[0].region-code=150100",
                    "arg --mengkeju.gateway.clients[0].key-sha256="
                            + DevCredentials.sha256Hex(platform.apiKey("dev-partner")),
                    "arg --mengkeju.gateway.clients[1].client-id=dev-subcenter-ordos",
                    "arg --mengkeju.gateway.clients[1].region-code=150600");
            // Its own database, for the clients registered through the admin API, and the development
            // administrator beside the other development clients.
            assertThat(gateway).contains("arg --spring.mongodb.uri=" + platform.mongoUri() + "/gateway");
            int admin = platform.credentials().clients().indexOf(
                    platform.credentials().client(DevCredentials.ADMIN_CLIENT).orElseThrow());
            assertThat(gateway).contains(
                    "arg --mengkeju.gateway.clients[" + admin + "].client-id=dev-admin",
                    "arg --mengkeju.gateway.clients[" + admin + "].role=ADMIN",
                    "arg --mengkeju.gateway.clients[" + admin + "].key-sha256="
                            + DevCredentials.sha256Hex(platform.apiKey("dev-admin")))
                    .doesNotContain("clients[" + admin + "].institution-id", "clients[" + admin + "].region-code");
            assertThat(gateway).doesNotContain(platform.apiKey("dev-partner"), platform.apiKey("dev-admin"));
            assertThat(platform.commandLine("points-service")).contains("-Xmx32m", "-XX:+UseSerialGC", "-jar");

            // Bound to loopback, and still seen as taken by the launcher's port check.
            assertThat(Ports.isFree(platform.port(Component.CATALOG))).isFalse();
            for (Component service : Component.services()) {
                String log = Files.readString(platform.logFile(service.id()));
                if (service == Component.GATEWAY) {
                    assertThat(log).doesNotContain("arg --server.address");
                } else {
                    assertThat(log).as(service.id()).contains("arg --server.address=127.0.0.1")
                            .doesNotContain(identityKey.privateKey());
                }
            }
            String points = platform.serviceUrl("points-service");
            platform.stopService("points-service");
            assertThatThrownBy(() -> get(points + "/actuator/health")).isInstanceOf(IOException.class);
            platform.startService("points-service");
            assertThat(get(points + "/actuator/health")).isEqualTo(200);

            ports = Component.services().stream().map(platform::port).toList();
        }
        ports.forEach(port -> await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isFree(port)));
        assertThat(Ports.isFree(platform.port(Component.KAFKA))).isTrue();
        assertThat(Ports.isFree(platform.port(Component.MONGO))).isTrue();
    }

    @Test
    void aServiceThatExitsStopsEverythingAndShowsTheEndOfItsLog() {
        LocalPlatform platform = platform().serviceArguments("points-service", "--fake.exit-code=3").build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageStartingWith("points-service exited with code 3 before it was healthy")
                .hasMessageContaining(platform.logFile("points-service").toString())
                .hasMessageContaining("fake failure: giving up on purpose");

        for (Component component : Component.values()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Ports.isFree(platform.port(component)));
        }
    }

    @Test
    void aServiceThatIsNotHealthyInTimeIsNamedWithItsLastAnswer() {
        LocalPlatform platform = platform()
                .serviceArguments("finance-service", "--fake.health=DOWN")
                .healthTimeout(Duration.ofSeconds(15))
                .build();

        // 15 s: long enough for the other stand-ins to start on a loaded machine, so only finance is named
        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageStartingWith("finance-service was not healthy within 15 s")
                .hasMessageContaining("HTTP 503 status DOWN")
                .hasMessageContaining("fake service started on port " + platform.port(Component.FINANCE));
    }

    @Test
    void aMissingJarIsNamedBeforeAnythingStarts() throws IOException {
        Files.delete(repository.resolve("matching-service/target/matching-service.jar"));
        LocalPlatform platform = platform().build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageStartingWith("missing service jar matching-service/target/matching-service.jar")
                .hasMessageContaining("build first");
        assertThat(data).isEmptyDirectory();
    }

    private LocalPlatform.Builder platform() {
        return LocalPlatform.builder()
                .repositoryRoot(repository)
                .dataDirectory(data)
                .ephemeralPorts()
                .healthTimeout(Duration.ofSeconds(60))
                .stopTimeout(Duration.ofSeconds(5))
                .serviceJvmOptions(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"))
                .progress(progress::add);
    }

    private int get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
