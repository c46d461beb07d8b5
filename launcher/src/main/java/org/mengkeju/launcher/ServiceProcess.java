package org.mengkeju.launcher;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** One service running as its own JVM, its stdout and stderr going to {@code <data>/logs/<module>.log}. */
final class ServiceProcess {

    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);

    private final Component component;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path log;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile String lastHealthAnswer = "no answer yet";

    ServiceProcess(Component component, int port, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path log) {
        this.component = component;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.log = log;
    }

    Component component() {
        return component;
    }

    String module() {
        return component.id();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    List<String> command() {
        return command;
    }

    Optional<Process> process() {
        return Optional.ofNullable(process);
    }

    boolean isStopping() {
        return stopping;
    }

    /** Starts the process; {@code appendToLog} keeps the previous output (a restart), else the log starts empty. */
    void start(boolean appendToLog) throws IOException {
        Files.createDirectories(log.getParent());
        stopping = false;
        lastHealthAnswer = "no answer yet";
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        process = builder
                .directory(workingDirectory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(appendToLog
                        ? ProcessBuilder.Redirect.appendTo(log.toFile())
                        : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                .start();
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** One probe of {@code GET /actuator/health}: true on HTTP 200 with top-level status UP. */
    boolean isHealthy(HttpClient http) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(HEALTH_REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String status = HealthJson.topLevelStatus(response.body());
            lastHealthAnswer = "HTTP " + response.statusCode() + (status == null ? "" : " status " + status);
            return response.statusCode() == 200 && "UP".equals(status);
        } catch (IOException e) {
            lastHealthAnswer = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String lastHealthAnswer() {
        return lastHealthAnswer;
    }

    /** Asks the process to stop (SIGTERM: Spring's graceful shutdown); see {@link #awaitStop}. */
    void requestStop() {
        stopping = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.destroy();
        }
    }

    /** Waits up to {@code grace} for the process to end, then kills it. */
    void awaitStop(Duration grace) {
        Process p = process;
        if (p == null) {
            return;
        }
        try {
            if (!p.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of the log (reads at most the last 64 KiB). */
    List<String> tailOfLog(int lines) {
        return tail(log, lines);
    }

    static List<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[size];
            raf.seek(length - size);
            raf.readFully(bytes);
            List<String> all = new String(bytes, StandardCharsets.UTF_8).lines().toList();
            if (size < length && !all.isEmpty()) {
                all = all.subList(1, all.size()); // the first line is probably cut
            }
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(cannot read " + file + ": " + e.getMessage() + ")");
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
