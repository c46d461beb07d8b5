package org.mengkeju.launcher;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import org.mengkeju.launcher.demo.DemoClients;
import org.mengkeju.launcher.demo.DemoLoadException;
import org.mengkeju.launcher.demo.DemoLoader;

/**
 * Runs the platform locally until Ctrl-C: {@code bin/run [options]} or
 * {@code java -jar launcher/target/launcher-exec.jar [options]}. A thin command line over {@link LocalPlatform}.
 */
public final class Launcher {

    static final String USAGE = """
            Runs the whole Mengkeju transaction backend on this machine: an in-process Kafka broker and
            MongoDB-wire store, and every service as its own process, with development API keys.

            Usage: bin/run [options]
               or: java -jar launcher/target/launcher-exec.jar [options]

            Options (--name value or --name=value):
              --data <dir>                 data folder: broker, store, logs, dev credentials (default: <repo>/data)
              --repo <dir>                 repository root holding <module>/target/<module>.jar
                                           (default: found from the launcher jar's location, else the current directory)
              --gateway-port <port>        default 8080
              --catalog-port <port>        catalog-service, default 8081
              --matching-port <port>       matching-service, default 8082
              --contract-port <port>       contract-service, default 8083
              --points-port <port>         points-service, default 8084
              --finance-port <port>        finance-service, default 8085
              --kafka-port <port>          Kafka broker, default 9092
              --kafka-controller-port <p>  Kafka KRaft controller, default 9093
              --mongo-port <port>          MongoDB-wire store, default 27017
                                           (a port of 0 picks a free one)
              --health-timeout <seconds>   how long the services have to become healthy, default 180
              --service-jvm-opts "<opts>"  JVM options for each service, default
                                           "-Xms64m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1 ..."
              --infra-only                 start only the Kafka broker and the store (run the services yourself)
              --demo                       once the platform is up, load the demo scenario through the gateway
                                           (institutions, a few hundred achievements, sub-center listings, demands,
                                           a challenge list, proposals, registered contracts, points); loading it
                                           again changes nothing
              --load-demo-into <url>       start nothing: load the demo scenario into the platform behind this
                                           gateway (docker compose --profile demo), registering the demo's clients
                                           with the administrator's key from MENGKEJU_ADMIN_CLIENT_KEY; exits when done
              -h, --help                   this text

            Service output goes to <data>/logs/<module>.log. Ctrl-C stops everything. If the launcher was killed
            instead, the next start on the same data folder stops the services it left running (<data>/run.pids).
            """;

    private Launcher() {
    }

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "org/mengkeju/launcher/launcher-logback.xml");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs until the JVM is asked to stop; returns the exit code only when it cannot start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println("Try --help.");
            return 2;
        }
        if (options.help) {
            out.print(USAGE);
            return 0;
        }
        if (options.demoGateway != null) {
            return loadDemoInto(options.demoGateway, System.getenv(ADMIN_KEY_VARIABLE), out, err);
        }
        Path repository = options.repository != null ? options.repository : defaultRepositoryRoot();
        LocalPlatform.Builder builder = LocalPlatform.builder()
                .repositoryRoot(repository)
                .healthTimeout(options.healthTimeout)
                .infrastructureOnly(options.infraOnly)
                .progress(message -> out.println("  " + message));
        if (options.data != null) {
            builder.dataDirectory(options.data);
        }
        options.ports.forEach(p -> builder.port(p.component, p.port));
        if (options.serviceJvmOptions != null) {
            builder.serviceJvmOptions(options.serviceJvmOptions);
        }
        LocalPlatform platform = builder.build();
        Thread hook = new Thread(() -> {
            out.println();
            out.println("Stopping the services, the broker and the store...");
            platform.close();
            out.println("Stopped.");
        }, "launcher-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        out.println("Starting the platform from " + platform.repositoryRoot() + " (data in "
                + platform.dataDirectory() + ")");
        try {
            platform.start();
        } catch (PlatformStartException e) {
            removeHook(hook);
            err.println();
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            removeHook(hook);
            err.println();
            err.println("The platform did not start: " + e);
            e.printStackTrace(err);
            return 1;
        }
        out.println(banner(platform, options.infraOnly));
        out.flush();
        if (options.demo) {
            loadDemo(platform, out, err);
        }
        try {
            new CountDownLatch(1).await(); // until Ctrl-C; the hook stops everything
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** The client administrator's plain API key, for {@code --load-demo-into}. */
    static final String ADMIN_KEY_VARIABLE = "MENGKEJU_ADMIN_CLIENT_KEY";

    /**
     * Loads the demo scenario into a platform this process did not start (the compose file's): its gateway keeps
     * clients in its database, so the demo's clients are registered there first. Exit code 0 when loaded, 1 if not.
     */
    static int loadDemoInto(String gatewayUrl, String adminKey, PrintStream out, PrintStream err) {
        out.println("Loading the demo scenario through " + gatewayUrl + " ...");
        try {
            Map<String, String> keys = DemoClients.issue(gatewayUrl, adminKey);
            out.println("  registered " + keys.size() + " demo clients");
            DemoLoader.Summary summary = new DemoLoader(gatewayUrl, keys::get,
                    message -> out.println("  " + message)).load();
            out.println("Demo scenario loaded: " + summary);
            // the demo's keys, for the tour in README.md (docker compose logs demo-loader): shown once, as the
            // gateway shows a key once
            out.println("API keys of the demo's clients:");
            keys.forEach((client, key) -> out.println("  " + client + " " + key));
            out.flush();
            return 0;
        } catch (RuntimeException e) {
            err.println("The demo scenario did not load: " + e.getMessage());
            if (!(e instanceof DemoLoadException)) {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        }
    }

    /** Loads the demo scenario; a failure is reported and the platform keeps running, to be looked at. */
    static boolean loadDemo(LocalPlatform platform, PrintStream out, PrintStream err) {
        out.println();
        out.println("Loading the demo scenario through " + platform.gatewayUrl() + " ...");
        try {
            DemoLoader.Summary summary = new DemoLoader(platform.gatewayUrl(), platform::apiKey,
                    message -> out.println("  " + message)).load();
            out.println("Demo scenario loaded: " + summary);
            out.println("Follow the tour in README.md, \"Calling it\".");
            out.flush();
            return true;
        } catch (RuntimeException e) {
            err.println();
            err.println("The demo scenario did not load: " + e.getMessage());
            if (!(e instanceof DemoLoadException)) {
                e.printStackTrace(err);
            }
            err.println("The platform keeps running; run with --demo again once the cause is fixed.");
            err.flush();
            return false;
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // already shutting down
        }
    }

    static String banner(LocalPlatform platform, boolean infraOnly) {
        StringBuilder b = new StringBuilder("\n");
        b.append(infraOnly ? "Kafka and the store are up" : "The platform is up")
                .append(" (healthy after ").append(LocalPlatform.seconds(platform.startupDuration().toNanos()))
                .append(").\n\n");
        if (!infraOnly) {
            b.append("  Gateway      ").append(platform.gatewayUrl()).append('\n');
            b.append("  Services     ");
            List<String> services = new ArrayList<>();
            for (Component c : Component.services()) {
                if (c.isBackendService()) {
                    services.add(c.id() + " " + platform.serviceUrl(c.id()));
                }
            }
            b.append(String.join("\n               ", services)).append('\n');
        }
        b.append("  Kafka        ").append(platform.kafkaBootstrapServers()).append('\n');
        b.append("  MongoDB      ").append(platform.mongoUri()).append('\n');
        b.append("\n  API keys (send as header X-Api-Key):\n");
        for (DevCredentials.ApiClient client : platform.credentials().clients()) {
            b.append(String.format("    %-24s %-20s %-38s %s%n", client.clientId(), client.role(),
                    describe(client), client.key()));
        }
        if (!infraOnly) {
            b.append("\n  Try:\n    curl -H 'X-Api-Key: ").append(platform.apiKey("dev-partner")).append("' ")
                    .append(platform.gatewayUrl()).append("/api/v1/points/accounts/imut\n");
        }
        b.append("\n  Data folder  ").append(platform.dataDirectory())
                .append("  (API keys and identity key pair in ").append(DevCredentials.FILE_NAME).append(")\n");
        b.append("  Logs         ").append(platform.logDirectory())
                .append("  (earlier runs as <module>.1.log, .2.log, ...)\n");
        b.append("  Status       ").append(platform.dataDirectory().resolve(LocalPlatform.STATUS_FILE_NAME))
                .append("  (a crashed service is restarted with backoff)\n");
        b.append("\nCtrl-C to stop");
        return b.toString();
    }

    private static String describe(DevCredentials.ApiClient client) {
        List<String> parts = new ArrayList<>();
        Optional.ofNullable(client.institutionId()).ifPresent(parts::add);
        Optional.ofNullable(client.regionCode()).ifPresent(r -> parts.add("region " + r));
        return String.join(", ", parts);
    }

    /**
     * The repository root: the first directory above the launcher jar (or classes folder) that holds
     * {@code launcher/pom.xml}; else the current directory.
     */
    static Path defaultRepositoryRoot() {
        List<Path> starts = new ArrayList<>();
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.isEmpty()) {
            starts.add(Path.of(classPath.split(java.io.File.pathSeparator)[0]));
        }
        try {
            CodeSource source = Launcher.class.getProtectionDomain().getCodeSource();
            if (source != null && "file".equals(source.getLocation().getProtocol())) {
                starts.add(Path.of(source.getLocation().toURI()));
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall back to the class path or the current directory
        }
        for (Path start : starts) {
            Path dir = start.toAbsolutePath().normalize();
            for (int i = 0; i < 5 && dir != null; i++, dir = dir.getParent()) {
                if (Files.isRegularFile(dir.resolve("launcher").resolve("pom.xml"))) {
                    return dir;
                }
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The parsed command line. */
    static final class Options {
        record PortOption(Component component, int port) {
        }

        Path data;
        Path repository;
        Duration healthTimeout = LocalPlatform.DEFAULT_HEALTH_TIMEOUT;
        List<String> serviceJvmOptions;
        boolean infraOnly;
        boolean demo;
        String demoGateway;
        boolean help;
        final List<PortOption> ports = new ArrayList<>();

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                int eq = arg.indexOf('=');
                boolean inline = arg.startsWith("--") && eq > 0;
                String name = inline ? arg.substring(0, eq) : arg;
                String value = inline ? arg.substring(eq + 1) : null;
                switch (name) {
                    case "-h", "--help" -> options.help = true;
                    case "--infra-only" -> options.infraOnly = true;
                    case "--demo" -> options.demo = true;
                    case "--data", "--repo", "--health-timeout", "--service-jvm-opts", "--load-demo-into" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(name + " needs a value");
                            }
                            value = args[++i];
                        }
                        switch (name) {
                            case "--data" -> options.data = Path.of(value);
                            case "--repo" -> options.repository = Path.of(value);
                            case "--health-timeout" -> options.healthTimeout = Duration.ofSeconds(number(name, value));
                            case "--load-demo-into" -> options.demoGateway = gatewayUrl(value);
                            default -> options.serviceJvmOptions =
                                    Arrays.stream(value.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
                        }
                    }
                    default -> {
                        Component component = Arrays.stream(Component.values())
                                .filter(c -> c.portFlag().equals(name)).findFirst()
                                .orElseThrow(() -> new IllegalArgumentException("unknown option: " + arg));
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                throw new IllegalArgumentException(name + " needs a port");
                            }
                            value = args[++i];
                        }
                        int port = number(name, value);
                        if (port > 65535) {
                            throw new IllegalArgumentException(name + ": not a port: " + value);
                        }
                        options.ports.add(new PortOption(component, port));
                    }
                }
            }
            if (options.demo && options.infraOnly) {
                throw new IllegalArgumentException("--demo needs the services: it cannot go with --infra-only");
            }
            return options;
        }

        private static String gatewayUrl(String value) {
            if (!value.matches("https?://[^\\s/]+/?")) {
                throw new IllegalArgumentException("--load-demo-into: not a gateway URL such as http://gateway:8080: "
                        + value);
            }
            return value;
        }

        private static int number(String name, String value) {
            try {
                int n = Integer.parseInt(value.trim());
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a number: " + value);
            }
        }
    }
}
