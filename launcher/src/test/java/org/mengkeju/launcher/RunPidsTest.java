package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunPidsTest {

    private static final String JAR = "/src/mengkeju/catalog-service/target/catalog-service.jar";

    @TempDir
    Path data;

    @Test
    void writesAndReadsTheLauncherAndItsServicesSkippingWhatItDoesNotUnderstand() throws Exception {
        Path file = data.resolve(RunPids.FILE_NAME);
        Instant started = Instant.parse("2025-06-01T08:00:00.120Z");
        RunPids.write(file, new RunPids.Recorded(100, Optional.of(started)), List.of(
                new RunPids.Service(new RunPids.Recorded(101, Optional.of(started)), "catalog-service",
                        "/path with spaces/catalog-service.jar"),
                new RunPids.Service(new RunPids.Recorded(102, Optional.empty()), "gateway", "/g.jar")));
        Files.writeString(file, Files.readString(file) + "service\tnot-a-pid\t-\tpoints-service\t/p.jar\nnonsense\n");

        RunPids.Contents contents = RunPids.read(file);

        assertThat(contents.launcher()).contains(new RunPids.Recorded(100, Optional.of(started)));
        assertThat(contents.services()).containsExactly(
                new RunPids.Service(new RunPids.Recorded(101, Optional.of(started)), "catalog-service",
                        "/path with spaces/catalog-service.jar"),
                new RunPids.Service(new RunPids.Recorded(102, Optional.empty()), "gateway", "/g.jar"));
        assertThat(data.resolve(RunPids.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void recognisesTheServiceByTheJarAfterDashJar() {
        assertThat(RunPids.runsJar(info(List.of("-Xmx256m", "-jar", JAR, "--server.port=8081"), null), JAR)).isTrue();
        assertThat(RunPids.runsJar(info(List.of("-jar", "/elsewhere/catalog-service.jar"), null), JAR)).isFalse();
        assertThat(RunPids.runsJar(info(List.of("-cp", JAR, "Main"), null), JAR)).isFalse();
        // a command line too long for the arguments (Linux gives its first 4 KiB as one string)
        assertThat(RunPids.runsJar(info(null, "/usr/bin/java -Xmx256m -jar " + JAR + " --server.port=8081"), JAR))
                .isTrue();
        assertThat(RunPids.runsJar(info(null, "/usr/bin/java -jar " + JAR + ".old --x"), JAR)).isFalse();
        assertThat(RunPids.runsJar(info(null, null), JAR)).isFalse();
    }

    @Test
    void aRecordedProcessIsStillRunningOnlyIfItStartedWhenRecorded() {
        ProcessHandle self = ProcessHandle.current();
        Instant started = self.info().startInstant().orElseThrow();

        assertThat(new RunPids.Recorded(self.pid(), Optional.of(started)).stillRunning()).contains(self);
        assertThat(new RunPids.Recorded(self.pid(), Optional.of(started.minus(Duration.ofMinutes(5)))).stillRunning())
                .isEmpty();
        assertThat(new RunPids.Recorded(self.pid(), Optional.empty()).stillRunning()).contains(self);
    }

    private static ProcessHandle.Info info(List<String> arguments, String commandLine) {
        return new ProcessHandle.Info() {
            @Override
            public Optional<String> command() {
                return Optional.of("/usr/bin/java");
            }

            @Override
            public Optional<String> commandLine() {
                return Optional.ofNullable(commandLine);
            }

            @Override
            public Optional<String[]> arguments() {
                return Optional.ofNullable(arguments).map(a -> a.toArray(String[]::new));
            }

            @Override
            public Optional<Instant> startInstant() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> totalCpuDuration() {
                return Optional.empty();
            }

            @Override
            public Optional<String> user() {
                return Optional.empty();
            }
        };
    }
}
