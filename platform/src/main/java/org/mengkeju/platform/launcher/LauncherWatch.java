package org.mengkeju.platform.launcher;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * A service started by the local launcher ({@code bin/run}, the system tests) ends when the launcher's process is gone,
 * however it went: the launcher holds the broker and the store, so nothing is left to serve, and a launcher killed
 * outright (SIGKILL) cannot stop its services itself. Active only when the launcher names its process id in
 * {@value #PROPERTY}; a service deployed on its own never has it.
 */
@AutoConfiguration
@ConditionalOnProperty(LauncherWatch.PROPERTY)
public class LauncherWatch {

    public static final String PROPERTY = "mengkeju.launcher.pid";
    private static final Logger log = LoggerFactory.getLogger(LauncherWatch.class);

    /** Ends this JVM at once when the launcher is gone: its broker and store went with it, so there is nothing to flush. */
    @Bean
    CompletableFuture<Void> launcherGone(Environment environment) {
        long pid = environment.getRequiredProperty(PROPERTY, Long.class);
        return whenGone(pid, () -> {
            log.warn("the launcher (process {}) is gone, and its broker and store with it: stopping", pid);
            Runtime.getRuntime().halt(1);
        });
    }

    /** Runs {@code action} once process {@code pid} has ended, or at once if there is no such process. */
    static CompletableFuture<Void> whenGone(long pid, Runnable action) {
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            action.run();
            return CompletableFuture.completedFuture(null);
        }
        return process.get().onExit().thenRun(action);
    }
}
