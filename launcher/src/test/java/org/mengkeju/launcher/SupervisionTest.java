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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher as a supervisor, with stand-in service jars ({@link FakeService}): a crashed service is restarted
 * with a backoff and the launcher says so; logs of earlier runs are kept; "up" means ready, not merely live.
 */
class SupervisionTest {

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
    void aServiceKilledWhileThePlatformRunsIsRestartedWithBackoffAndTheLogOfTheCrashedRunIsKept() throws Exception {
        try (LocalPlatform platform = platform().restartBackoff(Duration.ofMillis(500)).build().start()) {
            ServiceStatus before = platform.status("points-service");
            assertThat(before.state()).isEqualTo("ready");
            assertThat(before.restarts()).isZero();
            ProcessHandle crashed = ProcessHandle.of(before.pid()).orElseThrow();

            crashed.destroyForcibly(); // kill -9: no shutdown hook, an exit nobody asked for

            await().atMost(Duration.ofSeconds(60)).until(() -> progress.stream().anyMatch(line ->
                    line.startsWith("points-service restarted (restart 1) and ready on port "
                            + platform.port(Component.POINTS))));
            assertThat(progress).anyMatch(line -> line.startsWith("WARNING: points-service exited with code ")
                    && line.contains("restarting it in 0.5 s (restart 1)")
                    && line.contains("points-service.1.log"));
            ServiceStatus after = platform.status("points-service");
            assertThat(after.state()).isEqualTo("ready");
            assertThat(after.restarts()).isEqualTo(1);
            assertThat(after.lastExitCode()).isNotNull().isNotZero();
            assertThat(after.pid()).isNotEqualTo(before.pid()).isPositive();
            assertThat(get(platform.serviceUrl("points-service") + "/actuator/health")).isEqualTo(200);
            assertThat(Files.readString(data.resolve(LocalPlatform.STATUS_FILE_NAME)))
                    .containsPattern("points-service\\s+ready\\s+port " + platform.port(Component.POINTS)
                            + "\\s+pid " + after.pid() + "\\s+restarts 1 \\(last crash: exit code "
                            + after.lastExitCode() + "\\)");
            // the crashed run's log is kept beside the new one, which starts afresh
            assertThat(Files.readString(platform.previousLogFile("points-service", 1)))
                    .contains("fake service started on port " + platform.port(Component.POINTS));
            assertThat(Files.readString(platform.logFile("points-service")))
                    .contains("fake service started on port " + platform.port(Component.POINTS));
        }
    }

    @Test
    void aServiceStoppedOnPurposeIsNotRestarted() throws Exception {
        try (LocalPlatform platform = platform().restartBackoff(Duration.ofMillis(100)).build().start()) {
            platform.stopService("matching-service");

            assertThat(platform.status("matching-service").state()).isEqualTo("stopped");
            // give a wrongly scheduled restart ample time to happen; none may
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> platform.status("matching-service").pid() == -1);
            assertThat(progress).noneMatch(line -> line.contains("matching-service exited"));
        }
    }

    @Test
    void eachStartKeepsTheLogsOfTheEarlierRunsUpToTheConfiguredNumber() throws Exception {
        List<Integer> catalogPorts = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            try (LocalPlatform platform = platform().keptLogs(1).build().start()) {
                catalogPorts.add(platform.port(Component.CATALOG));
            }
        }
        Path logs = data.resolve("logs");

        assertThat(Files.readString(logs.resolve("catalog-service.log")))
                .contains("arg --server.port=" + catalogPorts.get(2));
        assertThat(Files.readString(logs.resolve("catalog-service.1.log")))
                .contains("arg --server.port=" + catalogPorts.get(1));
        assertThat(logs.resolve("catalog-service.2.log")).doesNotExist();
    }

    @Test
    void thePlatformIsUpOnlyWhenEveryServiceIsReadyNotMerelyLive() {
        LocalPlatform platform = platform()
                .serviceArguments("points-service", "--fake.readiness=DOWN")
                .healthTimeout(Duration.ofSeconds(15))
                .build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("points-service was not healthy within 15 s (last answer from http://localhost:"
                        + platform.port(Component.POINTS) + "/actuator/health/readiness: HTTP 503 status DOWN)")
                .message().doesNotContain("catalog-service was not healthy");
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
