package org.mengkeju.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code <data>/run.pids}: the launcher that uses a data folder and the service processes it started. Written when
 * the platform starts and again after each service starts, deleted when it stops cleanly. Still there at the next
 * start means the launcher was killed (kill -9, a crash) without stopping its services, which may still run and hold
 * their ports; that start stops the ones that are recognisably this repository's services ({@link #leftovers}).
 *
 * <p>One tab-separated record per line, {@code #} starts a comment; an instant is ISO-8601, {@code -} if unknown:
 * <pre>
 * launcher &lt;pid&gt; &lt;start instant&gt;
 * service  &lt;pid&gt; &lt;start instant&gt; &lt;module&gt; &lt;jar&gt;
 * </pre>
 */
final class RunPids {

    static final String FILE_NAME = "run.pids";

    private static final Logger LOG = LoggerFactory.getLogger(RunPids.class);

    /**
     * How far a process's start instant may be from the recorded one for it to be the recorded process; both come
     * from {@link ProcessHandle.Info#startInstant()}, which is exact to the clock tick on Linux.
     */
    private static final Duration SAME_START = Duration.ofSeconds(1);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private RunPids() {
    }

    /** A process as recorded: its pid and, where the platform tells, when it started (which tells a reused pid). */
    record Recorded(long pid, Optional<Instant> started) {

        static Recorded of(ProcessHandle process) {
            return new Recorded(process.pid(), process.info().startInstant());
        }

        /** The process, if it still runs and is the one recorded (a pid whose start differs was reused). */
        Optional<ProcessHandle> stillRunning() {
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(p -> {
                Optional<Instant> now = p.info().startInstant();
                return started.isEmpty() || now.isEmpty()
                        || Duration.between(started.get(), now.get()).abs().compareTo(SAME_START) <= 0;
            });
        }
    }

    record Service(Recorded process, String module, String jar) {
    }

    record Contents(Optional<Recorded> launcher, List<Service> services) {
    }

    static void write(Path file, Recorded launcher, List<Service> services) throws IOException {
        StringBuilder text = new StringBuilder()
                .append("# The launcher using this data folder and the services it started; deleted when it stops.\n")
                .append("# Left behind, the launcher was killed: the next start stops these services if they still run.\n")
                .append("launcher\t").append(launcher.pid()).append('\t').append(instant(launcher.started())).append('\n');
        for (Service s : services) {
            text.append("service\t").append(s.process().pid()).append('\t').append(instant(s.process().started()))
                    .append('\t').append(s.module()).append('\t').append(s.jar()).append('\n');
        }
        Path temporary = file.resolveSibling(FILE_NAME + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Reads what it can; a line it does not understand is skipped. */
    static Contents read(Path file) throws IOException {
        Optional<Recorded> launcher = Optional.empty();
        List<Service> services = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] f = line.split("\t", 5);
            try {
                if (f.length == 3 && f[0].equals("launcher")) {
                    launcher = Optional.of(new Recorded(Long.parseLong(f[1]), parseInstant(f[2])));
                } else if (f.length == 5 && f[0].equals("service")) {
                    services.add(new Service(new Recorded(Long.parseLong(f[1]), parseInstant(f[2])), f[3], f[4]));
                }
            } catch (NumberFormatException | DateTimeParseException e) {
                LOG.debug("{}: skipping '{}'", file, line);
            }
        }
        return new Contents(launcher, services);
    }

    /**
     * The recorded services that still run and are recognisably ours: the same process (pid and start instant) and
     * its command line still runs that module's jar of this repository ({@code -jar <repo>/<module>/target/<module>.jar}).
     * Anything else under a recorded pid (a pid reused by another program) is left alone.
     */
    static List<ProcessHandle> leftovers(Contents contents, Path repositoryRoot) {
        List<ProcessHandle> ours = new ArrayList<>();
        for (Service service : contents.services()) {
            Optional<Component> component = Component.byId(service.module()).filter(Component::isService);
            Optional<ProcessHandle> process = service.process().stillRunning()
                    .filter(p -> p.pid() != ProcessHandle.current().pid());
            if (component.isEmpty() || process.isEmpty()) {
                continue;
            }
            String jar = LocalPlatform.jar(repositoryRoot, component.get()).toString();
            if (runsJar(process.get().info(), jar)) {
                ours.add(process.get());
            } else {
                LOG.info("pid {} from {} is no longer {}; left alone", service.process().pid(), FILE_NAME,
                        service.module());
            }
        }
        return ours;
    }

    static boolean runsJar(ProcessHandle.Info info, String jar) {
        Optional<String[]> arguments = info.arguments();
        if (arguments.isPresent() && arguments.get().length > 0) {
            String[] args = arguments.get();
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("-jar")) {
                    return args[i + 1].equals(jar);
                }
            }
            return false;
        }
        // some platforms give only the whole command line
        return info.commandLine().map(line -> line.contains(" -jar " + jar + " ") || line.endsWith(" -jar " + jar))
                .orElse(false);
    }

    /**
     * Stops the processes (SIGTERM, then a kill after {@code grace}, as {@link ServiceProcess} stops its own) and
     * returns those still running after that.
     */
    static List<ProcessHandle> stop(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        awaitExit(processes, grace);
        List<ProcessHandle> stubborn = processes.stream().filter(ProcessHandle::isAlive).toList();
        stubborn.forEach(ProcessHandle::destroyForcibly);
        awaitExit(stubborn, KILL_WAIT);
        return stubborn.stream().filter(ProcessHandle::isAlive).toList();
    }

    private static void awaitExit(List<ProcessHandle> processes, Duration timeout) {
        if (processes.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(processes.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // the caller looks at which are still alive
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String instant(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse("-");
    }

    private static Optional<Instant> parseInstant(String text) {
        return text.equals("-") ? Optional.empty() : Optional.of(Instant.parse(text));
    }
}
