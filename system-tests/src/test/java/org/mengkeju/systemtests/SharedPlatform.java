package org.mengkeju.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.mengkeju.launcher.LocalPlatform;
import org.mengkeju.launcher.ServiceStatus;

/**
 * One platform for the system-test classes that need nothing special of it: every service its own process on the
 * real broker and store, as {@code bin/run} starts it, started by the first class that asks and closed when the run's
 * last test has finished. Starting six services takes about half a minute of this machine's two cores, so classes
 * share it the way Spring test classes share a context; each test makes its own data (its own ids and titles) and
 * measures figures as differences. The demo scenario counts everything on the platform, so it runs first (the class
 * order is in {@code junit-platform.properties}); a class that stops a service gets it back before the next class
 * runs. A class that kills parts of the platform or changes its configuration (the fault tests) starts its own.
 *
 * <p>A class gets it as a parameter of its {@code @BeforeAll} method: {@code @ExtendWith(SharedPlatform.class)}.
 */
final class SharedPlatform implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedPlatform.class);

    /** The running platform and its data folder; closed by JUnit with the root context, at the end of the run. */
    record Running(LocalPlatform platform, Path data) implements AutoCloseable {

        @Override
        public void close() throws IOException {
            try {
                platform.close();
            } finally {
                try (Stream<Path> files = Files.walk(data)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalPlatform.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalPlatform platform = context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, key -> start(), Running.class).platform();
        // A class before this one may have stopped a service to test the others without it (the gateway edge's
        // readiness test); every class gets the whole platform, so bring back what is stopped.
        for (ServiceStatus service : platform.status()) {
            if (service.state().equals("stopped")) {
                platform.startService(service.module());
            }
        }
        return platform;
    }

    private static Running start() {
        Path data;
        try {
            data = Files.createTempDirectory("mengkeju-system-tests");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .repositoryRoot(RepositoryRoot.find())
                .dataDirectory(data)
                .ephemeralPorts();
        // The dashboard figures are counted at most once per interval; a short one lets tests see them move.
        for (String service : List.of("catalog", "matching", "contract", "finance")) {
            builder.serviceArguments(service + "-service", "--mengkeju." + service + ".figures-refresh=1s");
        }
        LocalPlatform platform = builder.build();
        try {
            platform.start();
        } catch (RuntimeException failed) {
            platform.close();
            throw failed;
        }
        return new Running(platform, data);
    }
}
