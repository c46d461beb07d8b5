package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher that is killed (kill -9: no shutdown hook) leaves its services running; the next start on the same
 * data folder stops them ({@code <data>/run.pids}) and keeps the data, and never stops a process that is not
 * recognisably one of them.
 */
class KilledLauncherTest {

    private static final String LEFT_OVER = "left over from an earlier run that did not shut down cleanly";
    private static final List<String> SERVICE_JVM_OPTIONS =
            List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    @TempDir
    Path repository;

    @TempDir
    Path data;

    @TempDir
    Path scratch;

    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<ProcessHandle> toCleanUp = new ArrayList<>();

    @AfterEach
    void killWhatIsLeft() {
        toCleanUp.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void aRestartAfterTheLauncherWasKilledStopsTheServicesItLeftAndKeepsTheData() throws Exception {
        FakeServiceJars.createRepository(repository);
        Map<Component, Integer> ports = fixedPorts();

        // the real command line in a JVM of its own, killed the hard way once everything is up
        Path output = scratch.resolve("launcher.out");
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "--repo", repository.toString(), "--data", data.toString(), "--health-timeout", "90",
                "--service-jvm-opts", String.join(" ", SERVICE_JVM_OPTIONS)));
        ports.forEach((component, port) -> command.add(component.portFlag() + "=" + port));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                .start();
        toCleanUp.add(launcher.toHandle());
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            assertThat(launcher.isAlive()).as("the launcher exited:\n%s", read(output)).isTrue();
            return read(output).contains("The platform is up");
        });
        List<ProcessHandle> services = launcher.descendants().toList();
        toCleanUp.addAll(services);
        assertThat(services).hasSize(Component.services().size());
        assertThat(Files.readString(data.resolve(RunPids.FILE_NAME)))
                .contains("launcher\t" + launcher.pid() + "\t")
                .contains("\tcatalog-service\t" + LocalPlatform.jar(repository, Component.CATALOG));
        try (MongoClient mongo = MongoClients.create("mongodb://localhost:" + ports.get(Component.MONGO))) {
            mongo.getDatabase("points").getCollection("accounts")
                    .insertOne(new Document("_id", "imut").append("balance", 120));
        }

        launcher.destroyForcibly().waitFor();

        assertThat(services).allMatch(ProcessHandle::isAlive); // what this is about: orphans holding the ports
        assertThat(Ports.isFree(ports.get(Component.CATALOG))).isFalse();

        LocalPlatform again = platform(ports).build();
        try (again) {
            again.start();

            assertThat(progress).contains("stopped 6 processes " + LEFT_OVER);
            assertThat(services).noneMatch(ProcessHandle::isAlive);
            assertThat(health(again.gatewayUrl())).isEqualTo(200);
            assertThat(Files.readString(data.resolve(RunPids.FILE_NAME)))
                    .contains("launcher\t" + ProcessHandle.current().pid() + "\t")
                    .doesNotContain("service\t" + services.getFirst().pid() + "\t");
            try (MongoClient mongo = MongoClients.create(again.mongoUri())) {
                assertThat(mongo.getDatabase("points").getCollection("accounts").find().first())
                        .isEqualTo(new Document("_id", "imut").append("balance", 120));
            }
        }
        assertThat(data.resolve(RunPids.FILE_NAME)).doesNotExist();
    }

    @Test
    void neverStopsAProcessThatIsNotRecognisablyOneOfTheServices() throws Exception {
        FakeServiceJars.createRepository(repository);
        // the catalog jar of another checkout, recorded as this repository's catalog-service
        Path elsewhere = FakeServiceJars.createRepository(scratch.resolve("other-checkout"));
        ProcessHandle otherCheckout = startFakeService(LocalPlatform.jar(elsewhere, Component.CATALOG));
        // this repository's matching jar, but not the process recorded under its pid (pid reused: another start)
        ProcessHandle reusedPid = startFakeService(LocalPlatform.jar(repository, Component.MATCHING));
        Instant reusedStart = reusedPid.info().startInstant().orElseThrow();
        ProcessHandle gone = new ProcessBuilder(javaExecutable(), "-version").start().onExit().get().toHandle();
        RunPids.Recorded launcherThatIsGone = new RunPids.Recorded(gone.pid(), Optional.of(Instant.EPOCH));
        RunPids.write(data.resolve(RunPids.FILE_NAME), launcherThatIsGone, List.of(
                service(otherCheckout, "catalog-service", otherCheckout.info().startInstant(), repository),
                service(reusedPid, "matching-service", Optional.of(reusedStart.minusSeconds(3600)), repository),
                service(gone, "points-service", Optional.empty(), repository)));

        try (LocalPlatform platform = platform(Map.of()).ephemeralPorts().build().start()) {
            assertThat(platform.isRunning()).isTrue();
        }

        assertThat(otherCheckout.isAlive()).isTrue();
        assertThat(reusedPid.isAlive()).isTrue();
        assertThat(progress).noneMatch(line -> line.contains(LEFT_OVER));
        assertThat(data.resolve(RunPids.FILE_NAME)).doesNotExist();
    }

    @Test
    void refusesADataFolderThatALauncherStillRunningUses() throws Exception {
        FakeServiceJars.createRepository(repository);
        ProcessHandle running = startFakeService(LocalPlatform.jar(repository, Component.CATALOG));
        Path file = data.resolve(RunPids.FILE_NAME);
        // a live "launcher" with its live service: both are left alone, and so is the file
        RunPids.write(file, RunPids.Recorded.of(running),
                List.of(service(running, "catalog-service", running.info().startInstant(), repository)));
        String before = Files.readString(file);
        LocalPlatform platform = platform(Map.of()).ephemeralPorts().build();

        assertThatThrownBy(platform::start)
                .isInstanceOf(PlatformStartException.class)
                .hasMessageContaining("is in use by a launcher that is still running (pid " + running.pid() + ")");
        assertThat(running.isAlive()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(before);

        // and within one JVM, a second platform on a data folder that an open one uses
        Files.delete(file);
        try (LocalPlatform first = platform(Map.of()).ephemeralPorts().infrastructureOnly(true).build().start()) {
            assertThatThrownBy(() -> platform(Map.of()).ephemeralPorts().infrastructureOnly(true).build().start())
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageContaining("is in use by another platform in this JVM");
            assertThat(first.isRunning()).isTrue();
        }
    }

    private LocalPlatform.Builder platform(Map<Component, Integer> ports) {
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .repositoryRoot(repository)
                .dataDirectory(data)
                .healthTimeout(Duration.ofSeconds(90))
                .stopTimeout(Duration.ofSeconds(5))
                .serviceJvmOptions(SERVICE_JVM_OPTIONS)
                .progress(progress::add);
        ports.forEach(builder::port);
        return builder;
    }

    private static Map<Component, Integer> fixedPorts() {
        Map<Component, Integer> ports = new EnumMap<>(Component.class);
        List<Integer> free = Ports.pickFree(Component.values().length);
        for (Component component : Component.values()) {
            ports.put(component, free.get(component.ordinal()));
        }
        return ports;
    }

    private ProcessHandle startFakeService(Path jar) throws IOException {
        Path log = scratch.resolve("stranger-" + toCleanUp.size() + ".log");
        Process process = new ProcessBuilder(javaExecutable(), "-Xmx32m", "-XX:+UseSerialGC", "-jar", jar.toString(),
                "--server.port=" + Ports.pickFree(1).getFirst())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        toCleanUp.add(process.toHandle());
        await().atMost(Duration.ofSeconds(30)).until(() -> read(log).contains("fake service started"));
        return process.toHandle();
    }

    private static RunPids.Service service(ProcessHandle process, String module, Optional<Instant> started,
            Path repositoryRoot) {
        return new RunPids.Service(new RunPids.Recorded(process.pid(), started), module,
                LocalPlatform.jar(repositoryRoot, Component.of(module)).toString());
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int health(String url) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(url + "/actuator/health"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
