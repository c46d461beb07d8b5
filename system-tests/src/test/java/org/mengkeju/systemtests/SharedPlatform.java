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

/**
 * One platform for the system-test classes that need nothing special of it: every service its own process on the
 * real broker and store, as {@code bin/run} starts it, started by the first class that asks and closed when the run's
 * last test has finished. Starting six services takes about half a minute of this machine's two cores, so classes
 * share it the way Spring test classes share a context; each test makes its own data (its own ids and titles) and
 * measures figures as differences. A class that stops services for good, changes the platform's configuration,
 * loads it to its limits or counts everything on it (the demo scenario) starts its own instead.
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
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(Running.class, key -> start(), Running.class).platform();
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
