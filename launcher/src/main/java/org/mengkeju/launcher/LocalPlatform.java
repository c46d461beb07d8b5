package org.mengkeju.launcher;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform on one machine: an in-process Kafka broker and MongoDB-wire store, and every packaged service
 * as its own process, configured with development API keys. The command line ({@link Launcher}) and the system
 * tests both use it.
 *
 * <pre>{@code
 * try (LocalPlatform platform = LocalPlatform.builder()
 *         .repositoryRoot(Path.of("..")).dataDirectory(tmp).ephemeralPorts().build().start()) {
 *     String url = platform.gatewayUrl();
 *     String key = platform.apiKey("dev-partner");
 * }
 * }</pre>
 *
 * <p>Data layout: {@code <data>/kafka} (broker log and metadata), {@code <data>/mongo/store.mv} (the store),
 * {@code <data>/logs/<module>.log} (each service's stdout and stderr), {@code <data>/dev-credentials.properties},
 * and while it runs {@code <data>/run.pids} (this process and the services' pids, see {@link RunPids}): if the
 * launcher is killed, the next start on that data folder stops the services it left running.
 *
 * <p>Supervision: once the platform is up, a service that exits without being asked to is restarted after a
 * backoff (1 s, doubling up to 30 s while it keeps crashing), reported through the progress listener and in
 * {@link #status()} and {@code <data>/status.txt}. A service's log is never overwritten: each start moves the
 * previous one to {@code <module>.1.log} (the one before to {@code .2.log}, and so on, keeping the last five by
 * default), so the log of a crashed run survives its restart.
 */
public final class LocalPlatform implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPlatform.class);

    /** Environment variable through which the services receive {@code mengkeju.identity.keys} (public keys). */
    public static final String IDENTITY_KEYS_VARIABLE = "MENGKEJU_IDENTITY_KEYS";
    /** Environment variables through which the gateway alone receives its signing key. */
    public static final String SIGNER_KID_VARIABLE = "MENGKEJU_IDENTITY_SIGNER_KID";
    public static final String SIGNER_KEY_VARIABLE = "MENGKEJU_IDENTITY_SIGNER_KEY";
    /** Services listen on loopback only: the gateway is the one door from outside the machine. */
    public static final String SERVICE_ADDRESS = "127.0.0.1";
    /** The gateway's own database (registered clients and their key hashes), as in docker-compose.yml. */
    public static final String GATEWAY_DATABASE = "gateway";
    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofSeconds(180);
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(20);
    public static final int DEFAULT_KEPT_LOGS = 5;
    public static final Duration DEFAULT_RESTART_BACKOFF = Duration.ofSeconds(1);
    public static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);
    /** Ready this long after a crash, a service's next crash counts as the first again (backoff from 1 s). */
    private static final Duration STABLE_AFTER = Duration.ofSeconds(60);
    public static final String STATUS_FILE_NAME = "status.txt";

    /** Lean JVM options for one service on a small dev box (2 cores): small heap, serial GC, C1 only. */
    public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of(
            "-Xms64m", "-Xmx256m", "-Xss512k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true");

    private static final int LOG_TAIL_LINES = 30;

    /** Data folders of the platforms of this JVM that are started and not closed. */
    private static final Set<Path> OPEN_DATA_DIRECTORIES = ConcurrentHashMap.newKeySet();

    private static List<String> defaultServiceJvmOptions(boolean sameJavaAsThisJvm) {
        List<String> options = new ArrayList<>(DEFAULT_SERVICE_JVM_OPTIONS);
        if (sameJavaAsThisJvm && Runtime.version().feature() >= 23) {
            options.add("--sun-misc-unsafe-memory-access=allow");
        }
        return List.copyOf(options);
    }
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final Path repositoryRoot;
    private final Path dataDirectory;
    private final Map<Component, Integer> requestedPorts;
    private final Duration healthTimeout;
    private final Duration stopTimeout;
    private final List<String> serviceJvmOptions;
    private final Map<Component, List<String>> extraArguments;
    private final boolean infrastructureOnly;
    private final Consumer<String> progress;
    private final Path javaExecutable;
    private final int keptLogs;
    private final Duration restartBackoff;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("service-supervisor").daemon().factory());

    private final Object lifecycle = new Object();
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private volatile boolean started;
    private volatile boolean closed;
    private Map<Component, Integer> ports;
    private DevCredentials credentials;
    private EmbeddedMongoStore store;
    private EmbeddedKafkaBroker broker;
    private final Map<Component, ServiceProcess> services = new EnumMap<>(Component.class);
    private Duration startupDuration;
    private boolean holdsDataDirectory;
    private boolean wroteRunPids;

    private LocalPlatform(Builder builder) {
        this.repositoryRoot = builder.repositoryRoot.toAbsolutePath().normalize();
        this.dataDirectory = (builder.dataDirectory != null ? builder.dataDirectory : repositoryRoot.resolve("data"))
                .toAbsolutePath().normalize();
        this.requestedPorts = new EnumMap<>(builder.ports);
        this.healthTimeout = builder.healthTimeout;
        this.stopTimeout = builder.stopTimeout;
        this.serviceJvmOptions = builder.serviceJvmOptions != null ? List.copyOf(builder.serviceJvmOptions)
                : defaultServiceJvmOptions(builder.java == null);
        this.extraArguments = new EnumMap<>(builder.extraArguments);
        this.infrastructureOnly = builder.infrastructureOnly;
        this.progress = builder.progress;
        this.javaExecutable = builder.java != null ? builder.java : Path.of(System.getProperty("java.home"), "bin", "java");
        this.keptLogs = builder.keptLogs;
        this.restartBackoff = builder.restartBackoff;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the jars, stops what a killed launcher left running on this data folder (reported through the progress
     * listener as {@code stopped N processes left over from an earlier run that did not shut down cleanly}), checks
     * the ports, starts the store and the broker, then every service, and blocks until each service
     * answers {@code GET /actuator/health/readiness} with 200 and status UP: ready, which for a service that consumes
     * events means its consumer groups have their partitions, so "the platform is up" means events flow. On any failure everything started so far is
     * stopped and a {@link PlatformStartException} says what failed (for a service: its exit code or last health
     * answer and the last lines of its log); a {@link PortInUseException} if a port is taken.
     *
     * @return this
     */
    public LocalPlatform start() {
        long begin = System.nanoTime();
        synchronized (lifecycle) {
            if (started || closed) {
                throw new IllegalStateException("a LocalPlatform starts once; build a new one");
            }
            started = true;
        }
        try {
            List<Component> serviceComponents = infrastructureOnly ? List.of() : Component.services();
            requireJars(serviceComponents);
            takeOverDataDirectory();
            Map<Component, Integer> wanted = new EnumMap<>(Component.class);
            for (Component c : Component.values()) {
                if (!c.isService() || serviceComponents.contains(c)) {
                    wanted.put(c, requestedPorts.getOrDefault(c, c.defaultPort()));
                }
            }
            Map<Component, Integer> resolved = Ports.resolve(wanted);
            Ports.requireFree(orderedForCheck(resolved));
            Files.createDirectories(logDirectory());
            DevCredentials loaded = DevCredentials.loadOrCreate(dataDirectory.resolve(DevCredentials.FILE_NAME));
            synchronized (lifecycle) {
                requireOpen();
                ports = resolved;
                credentials = loaded;
                recordRunningServices();
            }
            startInfrastructure();
            for (Component c : serviceComponents) {
                launch(c);
            }
            awaitHealthy(serviceComponents.stream().map(services::get).toList(), begin);
            startupDuration = Duration.ofNanos(System.nanoTime() - begin);
            writeStatus();
            return this;
        } catch (PlatformStartException e) {
            close();
            throw e;
        } catch (IOException e) {
            close();
            throw new PlatformStartException("cannot prepare " + dataDirectory + ": " + e, e);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /**
     * Stops the services (gateway first; SIGTERM, then a kill after the stop timeout), the broker, the store, and
     * deletes {@code <data>/run.pids}.
     */
    @Override
    public void close() {
        // Idempotent, and safe from a shutdown hook while start() runs: after this flag no new part is started,
        // and each part's stop is itself idempotent, so a second close() only waits for the first.
        Map<Component, ServiceProcess> running;
        EmbeddedKafkaBroker startedBroker;
        EmbeddedMongoStore startedStore;
        synchronized (lifecycle) {
            closed = true;
            supervisor.shutdownNow();
            running = new EnumMap<>(services);
            startedBroker = broker;
            startedStore = store;
        }
        List<ServiceProcess> all = List.copyOf(running.values());
        ServiceProcess gateway = running.remove(Component.GATEWAY);
        if (gateway != null) {
            gateway.requestStop();
            gateway.awaitStop(stopTimeout);
        }
        running.values().forEach(ServiceProcess::requestStop);
        running.values().forEach(s -> s.awaitStop(stopTimeout));
        closeQuietly(startedBroker, "the Kafka broker");
        closeQuietly(startedStore, "the store");
        releaseDataDirectory(all);
    }

    /** Stops one service (for tests of a service being down); {@link #startService} brings it back. */
    public void stopService(String module) {
        ServiceProcess service = service(module);
        service.requestStop();
        service.awaitStop(stopTimeout);
        service.markStopped();
        writeStatus();
    }

    /** Starts a stopped service again with the same port and arguments, blocking until it is healthy. */
    public void startService(String module) {
        ServiceProcess service = service(module);
        if (service.isAlive()) {
            throw new IllegalStateException(module + " is running");
        }
        long begin = System.nanoTime();
        try {
            synchronized (lifecycle) {
                requireOpen();
                if (!Ports.isFree(service.port())) {
                    throw new PortInUseException(service.port(), service.component());
                }
                service.start(true);
                recordRunningServices();
            }
        } catch (IOException e) {
            throw new PlatformStartException("cannot start " + module + ": " + e.getMessage(), e);
        }
        supervise(service);
        awaitHealthy(List.of(service), begin);
        writeStatus();
    }

    // Faults on purpose, for the tests that prove nothing is lost: a service killed, the broker or the store gone for a
    // while. Each returns once the fault is done; the part comes back by itself (a service) or is back already.

    /**
     * Kills a running service with SIGKILL, as a crash would (no shutdown hook, nothing flushed, no consumer leaving
     * its group); the supervisor restarts it after its backoff like any other crash. Use
     * {@link #awaitRestarted(String, long, Duration)} with the returned pid to wait until it is ready again.
     *
     * @return the pid of the killed process
     */
    public long killService(String module) {
        ServiceProcess service = service(module);
        Process process = service.process().filter(Process::isAlive)
                .orElseThrow(() -> new IllegalStateException(module + " is not running"));
        process.destroyForcibly(); // SIGKILL on Unix
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(module + " (pid " + process.pid() + ") survived SIGKILL for 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + module, e);
        }
        return process.pid();
    }

    /**
     * Blocks until a service runs a process other than {@code killedPid} and that process is ready, polling its
     * status; a {@link PlatformStartException} after {@code timeout}.
     */
    public void awaitRestarted(String module, long killedPid, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            ServiceStatus now = status(module);
            if (now.pid() > 0 && now.pid() != killedPid && "ready".equals(now.state())) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformStartException(module + " was not ready again within " + timeout.toSeconds()
                        + " s after pid " + killedPid + " ended (now: " + now.line() + ")"
                        + logTail(service(module)));
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformStartException("interrupted while waiting for " + module + " to restart");
            }
        }
    }

    /**
     * Stops the Kafka broker (a clean shutdown: it flushes its logs) and starts it again on the same ports and data
     * folder, so topics, records and committed offsets are still there; producers and consumers of the services
     * reconnect by themselves. {@code away} is how long it stays down before it starts again.
     */
    public void restartBroker(Duration away) {
        EmbeddedKafkaBroker old;
        synchronized (lifecycle) {
            requireOpen();
            old = requireStarted(broker);
            broker = null;
        }
        old.close();
        pause(away);
        EmbeddedKafkaBroker restarted = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"),
                port(Component.KAFKA), port(Component.KAFKA_CONTROLLER));
        synchronized (lifecycle) {
            broker = restarted;
            if (closed) {
                closeQuietly(restarted, "the Kafka broker");
            }
        }
        report("Kafka broker restarted on " + kafkaBootstrapServers());
    }

    /**
     * Ends the store the way a killed process does (it stops listening and drops its file without a final commit
     * or compaction), waits {@code away}, then opens the same file again on the same port. Every write it
     * acknowledged before is still there ({@link DurableH2Backend}); the services' drivers reconnect by themselves.
     */
    public void crashAndRestartStore(Duration away) {
        EmbeddedMongoStore old;
        synchronized (lifecycle) {
            requireOpen();
            old = requireStarted(store);
            store = null;
        }
        old.simulateCrash();
        pause(away);
        EmbeddedMongoStore restarted = EmbeddedMongoStore.start(dataDirectory.resolve("mongo").resolve("store.mv"),
                port(Component.MONGO));
        synchronized (lifecycle) {
            store = restarted;
            if (closed) {
                closeQuietly(restarted, "the store");
            }
        }
        report("store restarted on " + mongoUri());
    }

    private static void pause(Duration away) {
        if (away.isZero() || away.isNegative()) {
            return;
        }
        try {
            TimeUnit.MILLISECONDS.sleep(away.toMillis()); // the outage itself, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every service: its state, port, process and the restarts after crashes. Also in {@code <data>/status.txt}. */
    public List<ServiceStatus> status() {
        List<ServiceProcess> all;
        synchronized (lifecycle) {
            all = List.copyOf(services.values());
        }
        return all.stream().map(s -> new ServiceStatus(s.module(), s.port(), s.state(),
                s.process().filter(Process::isAlive).map(Process::pid).orElse(-1L), s.restarts(), s.lastExitCode()))
                .toList();
    }

    /** The status of one service module. */
    public ServiceStatus status(String module) {
        String id = Component.of(module).id();
        return status().stream().filter(s -> s.module().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalStateException(module + " was not started by this platform"));
    }

    /** {@code <data>/logs/<module>.<n>.log}: the log of the n-th run before the current one (1 = the last). */
    public Path previousLogFile(String module, int n) {
        return ServiceProcess.rotated(logFile(module), n);
    }

    public boolean isRunning() {
        return started && !closed && startupDuration != null;
    }

    /** {@code http://localhost:<gateway port>} */
    public String gatewayUrl() {
        return serviceUrl(Component.GATEWAY.id());
    }

    /** {@code http://localhost:<port>} of a service module ({@code catalog-service}, ..., {@code gateway}). */
    public String serviceUrl(String module) {
        Component component = Component.of(module);
        if (!component.isService()) {
            throw new IllegalArgumentException(module + " is not a service");
        }
        return "http://localhost:" + port(component);
    }

    /** The port a component got (after ephemeral ports were picked). */
    public int port(Component component) {
        Map<Component, Integer> p = requireStarted(ports);
        Integer port = p.get(component);
        if (port == null) {
            throw new IllegalStateException(component.id() + " is not part of this platform (infrastructure only?)");
        }
        return port;
    }

    /** {@code localhost:<kafka port>} */
    public String kafkaBootstrapServers() {
        return "localhost:" + port(Component.KAFKA);
    }

    /** {@code mongodb://localhost:<store port>} */
    public String mongoUri() {
        return "mongodb://localhost:" + port(Component.MONGO);
    }

    /** {@code mongodb://localhost:<store port>/<database>}, as the service owning that database gets it. */
    public String mongoUri(String database) {
        return mongoUri() + "/" + database;
    }

    /** The plain development API key of a client ({@code dev-partner}, {@code dev-operator}, ...). */
    public String apiKey(String clientId) {
        return requireStarted(credentials).apiKey(clientId);
    }

    /** The key pair the gateway signs identities with; the services hold only its public half. */
    public DevCredentials.IdentityKey identityKey() {
        return requireStarted(credentials).identityKey();
    }

    /** All development API clients with their keys. */
    public DevCredentials credentials() {
        return requireStarted(credentials);
    }

    public Path repositoryRoot() {
        return repositoryRoot;
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public Path logDirectory() {
        return dataDirectory.resolve("logs");
    }

    /** {@code <data>/logs/<module>.log} */
    public Path logFile(String module) {
        return logDirectory().resolve(Component.of(module).id() + ".log");
    }

    /** From {@link #start()} being called until everything was healthy. */
    public Duration startupDuration() {
        return requireStarted(startupDuration);
    }

    /** The exact command line a service was started with (JVM, options, jar, arguments). */
    public List<String> commandLine(String module) {
        return service(module).command();
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void requireJars(List<Component> serviceComponents) {
        List<String> missing = new ArrayList<>();
        for (Component c : serviceComponents) {
            if (!Files.isRegularFile(jar(c))) {
                missing.add(repositoryRoot.relativize(jar(c)).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new PlatformStartException((missing.size() == 1 ? "missing service jar " : "missing service jars ")
                    + String.join(", ", missing) + " under " + repositoryRoot
                    + "; build first: (cd " + repositoryRoot + " && mvn -B -DskipTests package), or use bin/run");
        }
    }

    private Path jar(Component c) {
        return jar(repositoryRoot, c);
    }

    /** {@code <repository>/<module>/target/<module>.jar} */
    static Path jar(Path repositoryRoot, Component c) {
        return repositoryRoot.resolve(c.id()).resolve("target").resolve(c.id() + ".jar");
    }

    private Path runPidsFile() {
        return dataDirectory.resolve(RunPids.FILE_NAME);
    }

    /**
     * Before the ports are checked: makes sure no running launcher uses the data folder, and stops the services a
     * killed launcher left running on it ({@code <data>/run.pids}, see {@link RunPids}).
     */
    private void takeOverDataDirectory() {
        synchronized (lifecycle) {
            requireOpen();
            if (!OPEN_DATA_DIRECTORIES.add(dataDirectory)) {
                throw new PlatformStartException("the data folder " + dataDirectory + " is in use by another"
                        + " platform in this JVM; close it first");
            }
            holdsDataDirectory = true;
        }
        Path file = runPidsFile();
        if (!Files.exists(file)) {
            return;
        }
        RunPids.Contents earlier;
        try {
            earlier = RunPids.read(file);
        } catch (IOException e) {
            throw new PlatformStartException("cannot read " + file + ": " + e, e);
        }
        Optional<ProcessHandle> launcher = earlier.launcher().flatMap(RunPids.Recorded::stillRunning);
        if (launcher.isPresent() && launcher.get().pid() != ProcessHandle.current().pid()) {
            throw new PlatformStartException("the data folder " + dataDirectory + " is in use by a launcher that is"
                    + " still running (pid " + launcher.get().pid() + "); stop it first, or pass another --data"
                    + " (if pid " + launcher.get().pid() + " is no launcher, delete " + file + ")");
        }
        // Written by a launcher that is gone, or by a platform of this JVM that was dropped without close().
        List<ProcessHandle> leftovers = RunPids.leftovers(earlier, repositoryRoot);
        List<ProcessHandle> stillRunning = RunPids.stop(leftovers, stopTimeout);
        int stopped = leftovers.size() - stillRunning.size();
        if (stopped > 0) {
            report("stopped " + stopped + (stopped == 1 ? " process" : " processes") + " left over from an earlier"
                    + " run that did not shut down cleanly");
        }
        if (!stillRunning.isEmpty()) {
            report("WARNING: could not stop " + stillRunning.stream().map(p -> "pid " + p.pid()).toList()
                    + " left over from an earlier run; see " + file);
            return; // kept for the next attempt
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warn("cannot delete {}", file, e);
        }
    }

    /** (Re)writes {@code <data>/run.pids} with this process and the running services; under the lifecycle lock. */
    private void recordRunningServices() {
        List<RunPids.Service> running = new ArrayList<>();
        for (ServiceProcess service : services.values()) {
            service.process().filter(Process::isAlive).ifPresent(p -> running.add(new RunPids.Service(
                    RunPids.Recorded.of(p.toHandle()), service.module(), jar(service.component()).toString())));
        }
        try {
            RunPids.write(runPidsFile(), RunPids.Recorded.of(ProcessHandle.current()), running);
            wroteRunPids = true;
        } catch (IOException e) {
            LOG.warn("cannot write {}; if this launcher is killed, the next start will not stop its services",
                    runPidsFile(), e);
        }
    }

    /** After a clean stop: deletes {@code <data>/run.pids} unless a service could not be stopped. */
    private void releaseDataDirectory(List<ServiceProcess> stopped) {
        synchronized (lifecycle) {
            if (wroteRunPids && stopped.stream().noneMatch(ServiceProcess::isAlive)) {
                try {
                    Files.deleteIfExists(runPidsFile());
                    wroteRunPids = false;
                } catch (IOException e) {
                    LOG.warn("cannot delete {}", runPidsFile(), e);
                }
            }
            if (holdsDataDirectory) {
                OPEN_DATA_DIRECTORIES.remove(dataDirectory);
                holdsDataDirectory = false;
            }
        }
    }

    /** Infrastructure first, then the services in start order: the order the ports are checked and reported. */
    private static Map<Component, Integer> orderedForCheck(Map<Component, Integer> resolved) {
        Map<Component, Integer> ordered = new LinkedHashMap<>();
        for (Component c : List.of(Component.KAFKA, Component.KAFKA_CONTROLLER, Component.MONGO,
                Component.GATEWAY, Component.CATALOG, Component.MATCHING, Component.CONTRACT, Component.POINTS,
                Component.FINANCE)) {
            if (resolved.containsKey(c)) {
                ordered.put(c, resolved.get(c));
            }
        }
        return ordered;
    }

    private void startInfrastructure() {
        long begin = System.nanoTime();
        CompletableFuture<EmbeddedMongoStore> storeFuture = CompletableFuture.supplyAsync(() -> {
            synchronized (lifecycle) {
                requireOpen();
                store = EmbeddedMongoStore.start(dataDirectory.resolve("mongo").resolve("store.mv"),
                        ports.get(Component.MONGO));
                return store;
            }
        });
        try {
            EmbeddedKafkaBroker started = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"),
                    ports.get(Component.KAFKA), ports.get(Component.KAFKA_CONTROLLER));
            synchronized (lifecycle) {
                broker = started;
                requireOpen();
            }
            storeFuture.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        } finally {
            storeFuture.exceptionally(failure -> null).join();
        }
        report("Kafka broker on " + kafkaBootstrapServers() + " and store on " + mongoUri() + " ready in "
                + seconds(System.nanoTime() - begin));
    }

    private void launch(Component c) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable.toString());
        command.addAll(serviceJvmOptions);
        command.add("-jar");
        command.add(jar(c).toString());
        command.addAll(arguments(c));
        command.addAll(extraArguments.getOrDefault(c, List.of()));
        ServiceProcess service = new ServiceProcess(c, ports.get(c), command, identityEnvironment(c), repositoryRoot,
                logFile(c.id()), keptLogs);
        try {
            synchronized (lifecycle) {
                requireOpen();
                services.put(c, service);
                service.start(false);
                recordRunningServices();
            }
        } catch (IOException e) {
            throw new PlatformStartException("cannot start " + c.id() + " (" + javaExecutable + "): " + e.getMessage(), e);
        }
        supervise(service);
    }

    /**
     * Watches the current process of a service: an exit nobody asked for, once the platform is up, schedules a
     * restart after a backoff that doubles while the service keeps crashing. (While the platform starts, a crash
     * fails the start instead, with the end of the log.)
     */
    private void supervise(ServiceProcess service) {
        // A thread of its own waits for the exit: Process.onExit() completes on the common fork-join pool, which
        // anyone in this JVM may keep busy (on two cores it has one worker), and a crash would then go unnoticed.
        service.process().ifPresent(p -> Thread.ofVirtual().name("supervise-" + service.module()).start(() -> {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (service.isStopping() || !isRunning()) {
                return;
            }
            int crashes = service.recordCrash(p.exitValue(), STABLE_AFTER);
            Duration delay = backoff(crashes);
            report("WARNING: " + service.module() + " exited with code " + p.exitValue() + "; restarting it in "
                    + seconds(delay.toNanos()) + " (restart " + service.restarts() + "); the log of the crashed run"
                    + " is kept as " + ServiceProcess.rotated(service.log(), 1).getFileName());
            writeStatus();
            try {
                supervisor.schedule(() -> restart(service), delay.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the platform is being closed
            }
        }));
    }

    /**
     * The gateway gets the private key to sign with, a service only the public key to verify with: no service can
     * mint an identity. Keys travel in the environment, not on the command line, where every local user could read
     * them.
     */
    private Map<String, String> identityEnvironment(Component c) {
        DevCredentials.IdentityKey key = credentials.identityKey();
        if (c == Component.GATEWAY) {
            return Map.of(SIGNER_KID_VARIABLE, key.kid(), SIGNER_KEY_VARIABLE, key.privateKey());
        }
        return Map.of(IDENTITY_KEYS_VARIABLE, key.trustedKeyEntry());
    }

    private Duration backoff(int crashes) {
        long millis = restartBackoff.toMillis() << Math.min(crashes - 1, 20);
        return Duration.ofMillis(Math.min(millis, Math.max(MAX_RESTART_BACKOFF.toMillis(), restartBackoff.toMillis())));
    }

    private void restart(ServiceProcess service) {
        long begin = System.nanoTime();
        try {
            synchronized (lifecycle) {
                if (closed || service.isStopping()) {
                    return;
                }
                service.start(false);
                recordRunningServices();
            }
        } catch (IOException e) {
            report("WARNING: cannot restart " + service.module() + ": " + e.getMessage());
            return;
        }
        supervise(service);
        writeStatus();
        // Waits for readiness off the supervisor thread, so one slow service never delays another's restart.
        Thread.ofVirtual().name("await-" + service.module()).start(() -> {
            while (!closed && service.isAlive()) {
                if (service.isHealthy(http)) {
                    service.markReady();
                    report(service.module() + " restarted (restart " + service.restarts() + ") and ready on port "
                            + service.port() + " after " + seconds(System.nanoTime() - begin));
                    writeStatus();
                    return;
                }
                try {
                    TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    /** (Re)writes {@code <data>/status.txt}, one line per service, for a look from another terminal. */
    private void writeStatus() {
        if (startupDuration == null) {
            return; // not up yet: the start reports on its own
        }
        StringBuilder text = new StringBuilder();
        status().forEach(s -> text.append(s.line()).append('\n'));
        try {
            Files.writeString(dataDirectory.resolve(STATUS_FILE_NAME), text);
        } catch (IOException e) {
            LOG.warn("cannot write {}", dataDirectory.resolve(STATUS_FILE_NAME), e);
        }
    }

    private List<String> arguments(Component c) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + ports.get(c));
        // The service ends when this process does, even when it is killed outright and cannot stop it itself.
        args.add("--mengkeju.launcher.pid=" + ProcessHandle.current().pid());
        if (c.isBackendService()) {
            args.add("--server.address=" + SERVICE_ADDRESS);
            args.add("--spring.mongodb.uri=" + mongoUri(c.database()));
            args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
            if (c == Component.MATCHING) {
                // its search index is a folder of its own; the default (data/... under the working directory, the
                // repository) would be shared by every platform started from it, whatever its data folder
                args.add("--mengkeju.matching.search.directory="
                        + dataDirectory.resolve("matching").resolve("search-index"));
            }
            if (c.id().equals("contract-service")) {
                // its achievement check calls the catalog through the gateway, with a client key of its own
                args.add("--mengkeju.contract.catalog.url=http://localhost:" + ports.get(Component.GATEWAY));
                args.add("--mengkeju.contract.catalog.api-key="
                        + credentials.apiKey(DevCredentials.CONTRACT_SERVICE_CLIENT));
            }
        } else if (c == Component.GATEWAY) {
            // Its own database on the local store holds the clients registered through the admin API.
            args.add("--spring.mongodb.uri=" + mongoUri(GATEWAY_DATABASE));
            for (Component backend : Component.services()) {
                if (backend.isBackendService()) {
                    args.add("--mengkeju.gateway.services." + backend.gatewayRouteKey() + "=http://localhost:"
                            + ports.get(backend));
                }
            }
            List<DevCredentials.ApiClient> clients = credentials.clients();
            for (int i = 0; i < clients.size(); i++) {
                DevCredentials.ApiClient client = clients.get(i);
                String prefix = "--mengkeju.gateway.clients[" + i + "].";
                args.add(prefix + "client-id=" + client.clientId());
                if (client.role() != null) {
                    args.add(prefix + "role=" + client.role());
                }
                if (client.institutionId() != null) {
                    args.add(prefix + "institution-id=" + client.institutionId());
                }
                if (client.regionCode() != null) {
                    args.add(prefix + "region-code=" + client.regionCode());
                }
                args.add(prefix + "key-sha256=" + client.keySha256());
            }
        }
        return args;
    }

    private void awaitHealthy(List<ServiceProcess> toWatch, long begin) {
        List<ServiceProcess> pending = new ArrayList<>(toWatch);
        long deadline = System.nanoTime() + healthTimeout.toNanos();
        while (!pending.isEmpty()) {
            requireOpen();
            for (ServiceProcess service : List.copyOf(pending)) {
                if (!service.isAlive()) {
                    throw new PlatformStartException(service.module() + " exited with code " + service.exitValue()
                            + " before it was healthy" + logTail(service));
                }
                if (service.isHealthy(http)) {
                    service.markReady();
                    pending.remove(service);
                    report(service.module() + " healthy on port " + service.port() + " after "
                            + seconds(System.nanoTime() - begin));
                }
            }
            if (pending.isEmpty()) {
                break;
            }
            if (System.nanoTime() > deadline) {
                StringBuilder message = new StringBuilder();
                for (ServiceProcess service : pending) {
                    message.append(message.isEmpty() ? "" : "\n\n").append(service.module())
                            .append(" was not healthy within ").append(healthTimeout.toSeconds())
                            .append(" s (last answer from http://localhost:").append(service.port())
                            .append(ServiceProcess.READINESS_PATH).append(": ").append(service.lastHealthAnswer())
                            .append(")")
                            .append(logTail(service));
                }
                throw new PlatformStartException(message.toString());
            }
            try {
                TimeUnit.MILLISECONDS.sleep(POLL_INTERVAL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformStartException("interrupted while waiting for the services to be healthy");
            }
        }
    }

    private String logTail(ServiceProcess service) {
        List<String> tail = service.tailOfLog(LOG_TAIL_LINES);
        if (tail.isEmpty()) {
            return "; its log " + service.log() + " is empty";
        }
        return "; last " + tail.size() + " lines of " + service.log() + ":\n    " + String.join("\n    ", tail);
    }

    private ServiceProcess service(String module) {
        Component component = Component.of(module);
        ServiceProcess service;
        synchronized (lifecycle) {
            service = services.get(component);
        }
        if (service == null) {
            throw new IllegalStateException(module + " was not started by this platform");
        }
        return service;
    }

    private void requireOpen() {
        if (closed) {
            throw new PlatformStartException("the platform was stopped while starting");
        }
    }

    private <T> T requireStarted(T value) {
        if (value == null) {
            throw new IllegalStateException("the platform is not started; call start() first");
        }
        return value;
    }

    private void report(String message) {
        try {
            progress.accept(message);
        } catch (RuntimeException e) {
            LOG.debug("progress listener failed", e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable, String what) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("stopping {} failed", what, e);
        }
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }

    /** Settings for a {@link LocalPlatform}; every one has a default. */
    public static final class Builder {

        private Path repositoryRoot = Path.of("");
        private Path dataDirectory;
        private final Map<Component, Integer> ports = new EnumMap<>(Component.class);
        private Duration healthTimeout = DEFAULT_HEALTH_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private List<String> serviceJvmOptions;
        private final Map<Component, List<String>> extraArguments = new EnumMap<>(Component.class);
        private boolean infrastructureOnly;
        private Consumer<String> progress = message -> LOG.info(message);
        private Path java;
        private int keptLogs = DEFAULT_KEPT_LOGS;
        private Duration restartBackoff = DEFAULT_RESTART_BACKOFF;

        private Builder() {
        }

        /** How many logs of earlier runs each service keeps ({@code <module>.1.log} ...); default 5. */
        public Builder keptLogs(int keptLogs) {
            if (keptLogs < 0) {
                throw new IllegalArgumentException("kept logs must not be negative: " + keptLogs);
            }
            this.keptLogs = keptLogs;
            return this;
        }

        /** The wait before the first restart of a crashed service; doubles per crash in a row, up to 30 s. */
        public Builder restartBackoff(Duration restartBackoff) {
            this.restartBackoff = Objects.requireNonNull(restartBackoff);
            return this;
        }

        /** Where {@code <module>/target/<module>.jar} are; default: the current directory. */
        public Builder repositoryRoot(Path repositoryRoot) {
            this.repositoryRoot = Objects.requireNonNull(repositoryRoot);
            return this;
        }

        /** Where the broker, the store, the logs and the dev credentials live; default {@code <repository>/data}. */
        public Builder dataDirectory(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory);
            return this;
        }

        /** Every port (services, broker, controller, store) is picked free by the operating system at start. */
        public Builder ephemeralPorts() {
            for (Component c : Component.values()) {
                ports.put(c, 0);
            }
            return this;
        }

        /** One component's port; 0 picks a free one. */
        public Builder port(Component component, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            ports.put(Objects.requireNonNull(component), port);
            return this;
        }

        /** One component's port by id ({@code gateway}, {@code catalog-service}, {@code kafka}, {@code mongo}, ...). */
        public Builder port(String componentId, int port) {
            return port(Component.of(componentId), port);
        }

        /** How long the services have to become healthy; default 180 s. */
        public Builder healthTimeout(Duration healthTimeout) {
            this.healthTimeout = Objects.requireNonNull(healthTimeout);
            return this;
        }

        /** How long a service has to stop after SIGTERM before it is killed; default 20 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout);
            return this;
        }

        /**
         * JVM options for every service process (replacing the defaults); default {@link #DEFAULT_SERVICE_JVM_OPTIONS},
         * plus {@code --sun-misc-unsafe-memory-access=allow} on JDK 23+ (silences Netty's and Kafka's warnings).
         */
        public Builder serviceJvmOptions(List<String> options) {
            this.serviceJvmOptions = List.copyOf(options);
            return this;
        }

        /** Extra program arguments for one service, after the launcher's (e.g. {@code --logging.level.root=DEBUG}). */
        public Builder serviceArguments(String module, String... arguments) {
            Component component = Component.of(module);
            if (!component.isService()) {
                throw new IllegalArgumentException(module + " is not a service");
            }
            extraArguments.computeIfAbsent(component, c -> new ArrayList<>()).addAll(List.of(arguments));
            return this;
        }

        /** Starts only the broker and the store (run the services yourself, e.g. from an IDE). */
        public Builder infrastructureOnly(boolean infrastructureOnly) {
            this.infrastructureOnly = infrastructureOnly;
            return this;
        }

        /** Receives one-line progress messages; default: logged at INFO. */
        public Builder progress(Consumer<String> progress) {
            this.progress = Objects.requireNonNull(progress);
            return this;
        }

        /** The java executable for the services; default: this JVM's ({@code java.home}/bin/java). */
        public Builder javaExecutable(Path java) {
            this.java = Objects.requireNonNull(java);
            return this;
        }

        public LocalPlatform build() {
            return new LocalPlatform(this);
        }
    }
}
