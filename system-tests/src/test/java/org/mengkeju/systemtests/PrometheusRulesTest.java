package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The alert rules Prometheus loads in docker-compose.yml: valid, and doing what their unit tests
 * ({@code deploy/prometheus/alerts.test.yml}) say, by Prometheus's own promtool (Debian's {@code prometheus} package;
 * {@code .ci/run} installs it).
 */
class PrometheusRulesTest {

    static final Path PROMETHEUS = RepositoryRoot.find().resolve("deploy/prometheus");

    @Test
    void theConfigurationAndItsRuleFilesAreValid() throws Exception {
        Result result = promtool("check", "config", "prometheus.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("rule files found").contains("SUCCESS");
    }

    @Test
    void theAlertsFireWhenAndOnlyWhenTheirTestsSay() throws Exception {
        Result result = promtool("test", "rules", "alerts.test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result promtool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("promtool"));
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command).directory(PROMETHEUS.toFile()).redirectErrorStream(true).start();
        } catch (IOException missing) {
            throw new AssertionError("promtool is not installed: `sudo apt-get install --no-install-recommends "
                    + "prometheus` (Debian's package; .ci/run installs it)", missing);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("promtool did not finish within 60 s: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
