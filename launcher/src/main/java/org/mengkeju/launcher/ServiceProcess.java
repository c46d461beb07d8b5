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

/**
 * One service running as its own JVM, its stdout and stderr going to {@code <data>/logs/<module>.log}. The logs of
 * earlier runs are kept, newest first, as {@code <module>.1.log}, {@code <module>.2.log}, ... up to a number.
 */
final class ServiceProcess {

    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** Ready, not merely live: a service whose consumers are not assigned or whose broker is down is not up. */
    static final String READINESS_PATH = "/actuator/health/readiness";
    private static final String HEALTH_PATH = "/actuator/health";

    private final Component component;
    private final int port;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path log;
    private final int keptLogs;
    private volatile Process process;
    private volatile boolean stopping;
    private volatile String lastHealthAnswer = "no answer yet";
    // Supervision: what the launcher's status shows about this service.
    private volatile String state = "starting";
    private volatile int restarts;
    private volatile int consecutiveCrashes;
    private volatile Integer lastExitCode;
    private volatile long readySinceNanos;

    ServiceProcess(Component component, int port, List<String> command, Map<String, String> environment,
            Path workingDirectory, Path log, int keptLogs) {
        this.component = component;
        this.port = port;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.workingDirectory = workingDirectory;
        this.log = log;
        this.keptLogs = keptLogs;
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

    /**
     * Starts the process; {@code appendToLog} keeps the previous output in the same file (a deliberate restart),
     * else the previous log is rotated away, so the log of a run that crashed is still there after the next start.
     */
    void start(boolean appendToLog) throws IOException {
        Files.createDirectories(log.getParent());
        if (!"restarting".equals(state)) {
            state = "starting";
        }
        if (!appendToLog) {
            rotateLogs(log, keptLogs);
        }
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

    String state() {
        return state;
    }

    void markReady() {
        state = "ready";
        readySinceNanos = System.nanoTime();
    }

    void markStopped() {
        state = "stopped";
    }

    /**
     * Records an unexpected exit; returns how many times in a row it crashed, counting from 1 again once it had
     * stayed ready for {@code stable} (so a service that crashes once a day is not held back by yesterday's crash).
     */
    int recordCrash(int exitCode, Duration stable) {
        lastExitCode = exitCode;
        if (readySinceNanos != 0 && System.nanoTime() - readySinceNanos > stable.toNanos()) {
            consecutiveCrashes = 0;
        }
        readySinceNanos = 0;
        state = "restarting";
        consecutiveCrashes++;
        restarts++;
        return consecutiveCrashes;
    }

    int restarts() {
        return restarts;
    }

    Integer lastExitCode() {
        return lastExitCode;
    }

    boolean isAlive() {
        Process p = process;
        return p != null && p.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /**
     * One probe of {@code GET /actuator/health/readiness}: true on HTTP 200 with top-level status UP. A service
     * without health groups (404) is probed on {@code /actuator/health} instead.
     */
    boolean isHealthy(HttpClient http) {
        try {
            HttpResponse<String> response = http.send(probe(READINESS_PATH), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                response = http.send(probe(HEALTH_PATH), HttpResponse.BodyHandlers.ofString());
            }
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

    private HttpRequest probe(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(HEALTH_REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build();
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

    /** {@code <module>.<n>.log}: the log of the n-th run before the current one. */
    static Path rotated(Path log, int n) {
        String name = log.getFileName().toString();
        String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
        return log.resolveSibling(base + "." + n + ".log");
    }

    /** Shifts {@code log} to {@code .1.log}, {@code .1} to {@code .2}, ...; the oldest beyond {@code kept} goes. */
    static void rotateLogs(Path log, int kept) throws IOException {
        if (!Files.exists(log)) {
            return;
        }
        if (kept <= 0) {
            Files.delete(log);
            return;
        }
        Files.deleteIfExists(rotated(log, kept));
        for (int n = kept - 1; n >= 1; n--) {
            if (Files.exists(rotated(log, n))) {
                Files.move(rotated(log, n), rotated(log, n + 1));
            }
        }
        Files.move(log, rotated(log, 1));
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}
