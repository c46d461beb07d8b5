package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mengkeju.topology.BackendService;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads {@code docker-compose.yml}, the Prometheus and Grafana files under {@code deploy/} and the root
 * {@code pom.xml}, and checks that the production-like stack deploys every module that has a Spring Boot
 * application, wired to MongoDB, Kafka and monitoring the way the services expect. Nothing is started: this runs
 * in the unit-test phase, without Docker.
 */
class DockerComposeFileTest {

    private static final String GATEWAY = "gateway";
    private static final String DEMO_LOADER = "demo-loader";
    private static final String MONGO = "mongo";
    private static final String KAFKA = "kafka";
    private static final String PROMETHEUS = "prometheus";
    private static final String GRAFANA = "grafana";
    private static final String COLLECTOR = "otel-collector";
    private static final String JAEGER = "jaeger";
    private static final Path COLLECTOR_CONFIG = Path.of("deploy", "otel", "collector.yml");
    private static final String HEALTHY = "service_healthy";
    private static final Path PROMETHEUS_CONFIG = Path.of("deploy", "prometheus", "prometheus.yml");
    private static final Path GRAFANA_DATASOURCE = Path.of("deploy", "grafana", "provisioning", "datasources",
            "prometheus.yml");
    private static final Path DASHBOARD = Path.of("deploy", "grafana", "dashboards", "platform-overview.json");
    private static final Path FUNNEL = Path.of("deploy", "grafana", "dashboards", "transaction-funnel.json");
    private static final Path FINANCE = Path.of("deploy", "grafana", "dashboards", "finance.json");
    /** {@code ${NAME:?message}}: compose refuses to start while NAME is unset or empty. */
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");

    private static Path root;
    private static Map<String, Map<String, Object>> services;
    /** Modules of the root pom whose directory holds a Spring Boot application: the gateway and the services. */
    private static List<String> deployableModules;

    @BeforeAll
    static void readTheRepository() throws Exception {
        root = RepositoryRoot.find();
        Map<String, Object> compose = yaml(root.resolve("docker-compose.yml"));
        services = new TreeMap<>();
        map(compose.get("services"), "services").forEach((name, service) -> services.put(name, map(service, name)));
        deployableModules = pomModules(root.resolve("pom.xml")).stream()
                .filter(module -> hasSpringBootApplication(root.resolve(module)))
                .toList();
    }

    @Test
    void theRootPomDeploysTheGatewayAndAtLeastOneService() {
        assertThat(deployableModules)
                .as("modules of %s with a src/main/java/**/*Application.java", root.resolve("pom.xml"))
                .contains(GATEWAY)
                .hasSizeGreaterThan(1);
    }

    @Test
    void everyDeployableModuleIsAComposeServiceBuiltFromTheRepositoryWithItsModuleName() {
        for (String module : deployableModules) {
            Map<String, Object> build = map(service(module).get("build"), module + ".build");
            Path context = root.resolve(String.valueOf(build.get("context"))).normalize();
            assertThat(context).as("%s: build context", module).isEqualTo(root.normalize());
            Object dockerfile = build.getOrDefault("dockerfile", "Dockerfile");
            assertThat(context.resolve(String.valueOf(dockerfile))).as("%s: Dockerfile", module).isRegularFile();
            assertThat(keyValues(build.get("args"))).as("%s: build args", module).containsEntry("MODULE", module);
        }
    }

    @Test
    void everyComposeServiceBuiltWithAModuleArgumentIsADeployableModuleOfTheSameName() {
        services.forEach((name, service) -> {
            if (service.get("build") instanceof Map<?, ?> build && build.get("args") != null) {
                String module = keyValues(build.get("args")).get("MODULE");
                if (module != null) {
                    assertThat(module).as("%s: MODULE build argument", name).isEqualTo(name);
                    assertThat(deployableModules).as("deployable modules of the root pom").contains(module);
                }
            }
        });
    }

    @Test
    void theDockerfileBuildsTheJarOfTheModuleItIsGiven() throws IOException {
        Path file = root.resolve("Dockerfile");
        assertThat(file).isRegularFile();
        String dockerfile = Files.readString(file);
        assertThat(dockerfile).as("Dockerfile: the MODULE build argument").containsPattern("(?m)^ARG MODULE\\s*$");
        assertThat(dockerfile).as("Dockerfile: the jar it copies").contains("${MODULE}/target/${MODULE}.jar");
        assertThat(dockerfile).as("Dockerfile: a USER that is not root")
                .containsPattern("(?m)^USER\\s+(?!root\\b|0\\b)\\S+");
    }

    @Test
    void everyDeployableModuleHasAHealthCheckOnItsActuatorHealthEndpoint() {
        for (String module : deployableModules) {
            List<String> test = healthCheckTest(module);
            assertThat(test).as("%s: healthcheck.test", module).isNotEmpty().doesNotContain("NONE");
            assertThat(String.join(" ", test)).as("%s: healthcheck.test", module)
                    .contains(":" + serverPort(module) + "/actuator/health");
        }
    }

    @Test
    void everyDeployableModuleWaitsForItsDependenciesToBeHealthy() {
        for (String module : deployableModules) {
            Map<String, Object> dependsOn = dependsOn(module);
            assertThat(dependsOn).as("%s: depends_on", module).isNotEmpty();
            dependsOn.forEach((dependency, condition) -> assertThat(map(condition, module + " -> " + dependency))
                    .as("%s: depends_on %s", module, dependency).containsEntry("condition", HEALTHY));
        }
    }

    @Test
    void everyServiceWaitsForHealthyMongoAndKafka() {
        for (String module : backendServices()) {
            assertThat(dependsOn(module)).as("%s: depends_on", module).containsKeys(MONGO, KAFKA);
        }
    }

    @Test
    void theGatewayWaitsForEveryServiceToBeHealthy() {
        assertThat(backendServices()).as("services behind the gateway").isNotEmpty();
        for (String module : backendServices()) {
            assertThat(dependsOn(GATEWAY)).as("gateway: depends_on").containsKey(module);
        }
    }

    @Test
    void mongoAndKafkaRunWithHealthChecks() {
        assertThat(services.keySet()).as("compose services").contains(MONGO, KAFKA);
        assertThat(String.valueOf(service(MONGO).get("image"))).as("mongo: image").startsWith("mongo:");
        assertThat(String.valueOf(service(KAFKA).get("image"))).as("kafka: image").startsWith("apache/kafka:");
        assertThat(healthCheckTest(MONGO)).as("mongo: healthcheck.test").isNotEmpty().doesNotContain("NONE");
        assertThat(healthCheckTest(KAFKA)).as("kafka: healthcheck.test").isNotEmpty().doesNotContain("NONE");
    }

    @Test
    void theGatewayPublishesPort8080() {
        assertThat(publishedPorts(GATEWAY)).as("gateway: published ports").containsEntry(8080, serverPort(GATEWAY));
    }

    @Test
    void onlyTheGatewayPrometheusGrafanaAndTheTraceViewerPublishPorts() {
        services.keySet().stream().filter(name -> !Set.of(GATEWAY, PROMETHEUS, GRAFANA, JAEGER).contains(name))
                .forEach(name -> assertThat(publishedPorts(name)).as("%s: published ports", name).isEmpty());
        assertThat(publishedPorts(PROMETHEUS)).as("prometheus: published ports").containsEntry(9090, 9090);
        assertThat(publishedPorts(GRAFANA)).as("grafana: published ports").containsEntry(3000, 3000);
        assertThat(publishedPorts(JAEGER)).as("jaeger: published ports").containsEntry(16686, 16686);
    }

    @Test
    void everyJavaServiceSendsItsSpansToTheCollectorWhichHandsThemToTheTraceViewer() throws IOException {
        for (String module : deployableModules) {
            assertThat(environment(module).get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT"))
                    .as("%s: OTLP trace endpoint", module).isEqualTo("http://" + COLLECTOR + ":4318/v1/traces");
        }
        Path config = root.resolve(COLLECTOR_CONFIG);
        assertThat(config).isRegularFile();
        assertThat(bindMountSources(COLLECTOR)).as("otel-collector: files mounted from the repository")
                .contains(config.normalize());
        Map<String, Object> collector = yaml(config);
        Map<String, Object> exporters = map(collector.get("exporters"), "exporters");
        assertThat(exporters.values()).as("%s: exporters", COLLECTOR_CONFIG)
                .anyMatch(e -> e instanceof Map<?, ?> m && String.valueOf(m.get("endpoint")).startsWith(JAEGER + ":"));
        assertThat(services.keySet()).as("compose services").contains(JAEGER);
    }

    @Test
    void everyServiceReachesKafkaThroughTheKafkaService() {
        String advertised = environment(KAFKA).getOrDefault("KAFKA_ADVERTISED_LISTENERS", "");
        for (String module : backendServices()) {
            String bootstrap = environment(module).get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as("%s: SPRING_KAFKA_BOOTSTRAP_SERVERS", module).isNotBlank();
            for (String server : bootstrap.split(",")) {
                URI address = URI.create("kafka://" + server.trim());
                assertThat(address.getHost()).as("%s: bootstrap server %s", module, server).isEqualTo(KAFKA);
                assertThat(advertised).as("kafka: KAFKA_ADVERTISED_LISTENERS")
                        .contains("//" + KAFKA + ":" + address.getPort());
            }
        }
    }

    @Test
    void everyServiceUsesItsOwnDatabaseOnTheMongoReplicaSet() {
        String replicaSet = mongoReplicaSet();
        for (String module : backendServices()) {
            String uri = environment(module).get("SPRING_MONGODB_URI");
            assertThat(uri).as("%s: SPRING_MONGODB_URI", module).startsWith("mongodb://");
            URI mongo = URI.create(uri);
            assertThat(mongo.getHost()).as("%s: MongoDB host", module).isEqualTo(MONGO);
            String database = mongo.getPath().replaceFirst("^/", "");
            assertThat(database).as("%s: database", module).isEqualTo(module.replaceFirst("-service$", ""));
            List<String> options = mongo.getQuery() == null ? List.of() : List.of(mongo.getQuery().split("&"));
            assertThat(options).as("%s: MongoDB URI options", module).contains("replicaSet=" + replicaSet);
        }
    }

    @Test
    void theGatewayRoutesToEveryServiceByItsComposeName() {
        List<String> routes = environment(GATEWAY).entrySet().stream()
                .filter(entry -> entry.getKey().startsWith("MENGKEJU_GATEWAY_SERVICES_"))
                .map(Map.Entry::getValue)
                .toList();
        for (String module : backendServices()) {
            assertThat(routes).as("gateway: MENGKEJU_GATEWAY_SERVICES_*")
                    .contains("http://" + module + ":" + serverPort(module));
        }
    }

    @Test
    void theServicesAreThoseOfTheTopologyUnderTheirModuleNamesPortsAndDatabases() {
        assertThat(backendServices()).as("compose services built from a service module")
                .containsExactlyInAnyOrderElementsOf(BackendService.all().stream().map(BackendService::module).toList());
        for (BackendService service : BackendService.values()) {
            assertThat(serverPort(service.module())).as("%s: SERVER_PORT", service.module())
                    .isEqualTo(service.defaultPort());
            String database = URI.create(environment(service.module()).get("SPRING_MONGODB_URI")).getPath();
            assertThat(database).as("%s: database", service.module()).isEqualTo("/" + service.database());
        }
        assertThat(serverPort(GATEWAY)).as("gateway: SERVER_PORT").isEqualTo(BackendService.GATEWAY_PORT);
    }

    @Test
    void theGatewayNamesEachServiceByItsOneName() {
        Map<String, String> routes = new TreeMap<>();
        environment(GATEWAY).forEach((name, value) -> {
            if (name.startsWith("MENGKEJU_GATEWAY_SERVICES_")) {
                routes.put(name, value);
            }
        });
        Map<String, String> expected = new TreeMap<>();
        for (BackendService service : BackendService.values()) {
            expected.put("MENGKEJU_GATEWAY_SERVICES_" + service.environmentName(),
                    "http://" + service.module() + ":" + service.defaultPort());
        }
        assertThat(routes).as("gateway: MENGKEJU_GATEWAY_SERVICES_*").isEqualTo(expected);
    }

    @Test
    void secretsAreRequiredFromTheEnvironmentNotWrittenInTheFile() {
        Map<String, String> gateway = environment(GATEWAY);
        for (String variable : List.of("MENGKEJU_IDENTITY_SIGNER_KID", "MENGKEJU_IDENTITY_SIGNER_KEY")) {
            assertThat(gateway.get(variable)).as("gateway: %s", variable).isNotNull().matches(REQUIRED_VARIABLE);
        }
        for (String module : backendServices()) {
            // A service verifies with public keys only; the private key that mints identities stays with the gateway.
            assertThat(environment(module).get("MENGKEJU_IDENTITY_KEYS")).as("%s: MENGKEJU_IDENTITY_KEYS", module)
                    .isNotNull().matches(REQUIRED_VARIABLE);
            assertThat(environment(module).keySet()).as("%s: environment", module)
                    .noneMatch(name -> name.startsWith("MENGKEJU_IDENTITY_SIGNER"));
        }
        List<String> keyHashes = gateway.keySet().stream()
                .filter(name -> name.matches("MENGKEJU_GATEWAY_CLIENTS_\\d+_KEY_?SHA256")).toList();
        assertThat(keyHashes).as("gateway: API client key hashes").isNotEmpty();
        keyHashes.forEach(name -> assertThat(gateway.get(name)).as("gateway: %s", name).matches(REQUIRED_VARIABLE));
        assertThat(environment(GRAFANA).get("GF_SECURITY_ADMIN_PASSWORD")).as("grafana: GF_SECURITY_ADMIN_PASSWORD")
                .isNotNull().matches(REQUIRED_VARIABLE);
    }

    @Test
    void everyDeployableModuleHasAMemoryLimit() {
        for (String module : deployableModules) {
            Object limit = service(module).get("mem_limit");
            if (limit == null && service(module).get("deploy") instanceof Map<?, ?> deploy
                    && deploy.get("resources") instanceof Map<?, ?> resources
                    && resources.get("limits") instanceof Map<?, ?> limits) {
                limit = limits.get("memory");
            }
            assertThat(limit).as("%s: memory limit", module).isNotNull();
        }
    }

    @Test
    void prometheusScrapesEveryDeployableModuleOnItsActuatorEndpoint() throws IOException {
        Map<String, String> pathByTarget = new HashMap<>();
        for (Object job : list(yaml(root.resolve(PROMETHEUS_CONFIG)).get("scrape_configs"), "scrape_configs")) {
            Map<String, Object> scrape = map(job, "scrape config");
            String metricsPath = String.valueOf(scrape.getOrDefault("metrics_path", "/metrics"));
            for (Object staticConfig : list(scrape.getOrDefault("static_configs", List.of()), "static_configs")) {
                for (Object target : list(map(staticConfig, "static config").get("targets"), "targets")) {
                    pathByTarget.put(String.valueOf(target), metricsPath);
                }
            }
        }
        for (String module : deployableModules) {
            String target = module + ":" + serverPort(module);
            assertThat(pathByTarget).as("%s: scrape targets", PROMETHEUS_CONFIG)
                    .containsEntry(target, "/actuator/prometheus");
        }
        assertThat(bindMountSources(PROMETHEUS)).as("prometheus: files mounted from the repository")
                .contains(root.resolve(PROMETHEUS_CONFIG).normalize());
    }

    @Test
    void grafanaIsProvisionedWithTheComposePrometheusAsDataSource() throws IOException {
        Path file = root.resolve(GRAFANA_DATASOURCE);
        assertThat(file).isRegularFile();
        List<String> urls = list(yaml(file).get("datasources"), "datasources").stream()
                .map(source -> map(source, "datasource"))
                .filter(source -> PROMETHEUS.equals(source.get("type")))
                .map(source -> String.valueOf(source.get("url")))
                .toList();
        assertThat(urls).as("%s: Prometheus data sources", GRAFANA_DATASOURCE)
                .containsExactly("http://prometheus:9090");
        assertThat(services.keySet()).as("compose services").contains(PROMETHEUS);
        assertThat(bindMountSources(GRAFANA)).as("grafana: files mounted from the repository")
                .anyMatch(source -> file.normalize().startsWith(source));
    }

    @Test
    void thePlatformDashboardChartsThePlatformMetrics() throws IOException {
        Path file = root.resolve(DASHBOARD);
        assertThat(file).isRegularFile();
        String expressions = String.join("\n", dashboardExpressions(yaml(file)));
        assertThat(expressions).as("%s: panel queries", DASHBOARD).contains("up{",
                "http_server_requests_seconds_count", "http_server_requests_seconds_bucket", "jvm_memory_used_bytes",
                "mengkeju_outbox_published_total", "mengkeju_outbox_failures_total", "mengkeju_outbox_pending",
                "mengkeju_events_dead_lettered_total", "mengkeju_events_consumed_total");
        assertThat(bindMountSources(GRAFANA)).as("grafana: files mounted from the repository")
                .anyMatch(source -> file.normalize().startsWith(source));
    }

    @Test
    void theFunnelDashboardChartsTheBusinessFiguresOfEveryService() throws IOException {
        Path file = root.resolve(FUNNEL);
        assertThat(file).isRegularFile();
        String expressions = String.join("\n", dashboardExpressions(yaml(file)));
        assertThat(expressions).as("%s: panel queries", FUNNEL).contains("mengkeju_catalog_listings",
                "mengkeju_matching_demands", "mengkeju_matching_proposals", "mengkeju_contract_contracts",
                "mengkeju_contract_registered_technology_amount_yuan", "mengkeju_points_issued",
                "mengkeju_points_redeemed", "mengkeju_points_ledger_violations");
        assertThat(bindMountSources(GRAFANA)).as("grafana: files mounted from the repository")
                .anyMatch(source -> file.normalize().startsWith(source));
    }

    @Test
    void theFinanceDashboardChartsLeadsAndTheFinancingBrought() throws IOException {
        Path file = root.resolve(FINANCE);
        assertThat(file).isRegularFile();
        String expressions = String.join("\n", dashboardExpressions(yaml(file)));
        assertThat(expressions).as("%s: panel queries", FINANCE).contains("mengkeju_finance_disbursed_yuan",
                "mengkeju_finance_loans_disbursed", "mengkeju_finance_leads", "mengkeju_finance_leads_by_status");
    }

    @Test
    void theDemoProfileLoadsTheScenarioOnceThroughTheHealthyGatewayWithTheLaunchersJar() {
        Map<String, Object> loader = service(DEMO_LOADER);
        assertThat(list(loader.get("profiles"), "demo-loader.profiles").stream().map(String::valueOf).toList())
                .as("demo-loader: profiles").containsExactly("demo");
        assertThat(String.valueOf(loader.get("restart"))).as("demo-loader: restart").isEqualTo("no");
        assertThat(dependsOn(DEMO_LOADER)).as("demo-loader: depends_on").containsOnlyKeys(GATEWAY)
                .containsEntry(GATEWAY, Map.of("condition", HEALTHY));
        Map<String, Object> build = map(loader.get("build"), "demo-loader.build");
        assertThat(root.resolve(String.valueOf(build.get("context"))).normalize()).isEqualTo(root.normalize());
        assertThat(String.valueOf(build.get("target"))).as("demo-loader: build stage").isEqualTo("build");
        List<String> command = list(loader.get("command"), "demo-loader.command").stream().map(String::valueOf)
                .toList();
        assertThat(command).as("demo-loader: command").contains("launcher/target/launcher-exec.jar")
                .containsSubsequence("--load-demo-into", "http://" + GATEWAY + ":" + serverPort(GATEWAY));
        // only the demo needs the administrator's plain key: outside the profile the file must work without it
        assertThat(environment(DEMO_LOADER).get("MENGKEJU_ADMIN_CLIENT_KEY")).as("demo-loader: admin key")
                .isEqualTo("${MENGKEJU_ADMIN_CLIENT_KEY:-}");
        services.forEach((name, service) -> {
            if (!name.equals(DEMO_LOADER)) {
                assertThat(service.get("profiles")).as("%s: profiles (it runs without --profile)", name).isNull();
            }
        });
    }

    @Test
    void everyFileTheComposeFileMountsFromTheRepositoryExists() {
        List<Path> sources = services.keySet().stream().flatMap(name -> bindMountSources(name).stream()).toList();
        assertThat(sources).as("files and directories mounted from the repository").isNotEmpty();
        for (Path source : sources) {
            assertThat(source).as("mounted from the repository").exists();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static List<String> backendServices() {
        return deployableModules.stream().filter(module -> !module.equals(GATEWAY)).toList();
    }

    private static Map<String, Object> service(String name) {
        assertThat(services.keySet()).as("compose services").contains(name);
        return services.get(name);
    }

    private static Map<String, String> environment(String service) {
        return keyValues(service(service).get("environment"));
    }

    private static int serverPort(String service) {
        String port = environment(service).get("SERVER_PORT");
        assertThat(port).as("%s: SERVER_PORT", service).isNotNull().matches("\\d+");
        return Integer.parseInt(port);
    }

    private static List<String> healthCheckTest(String service) {
        Object healthcheck = service(service).get("healthcheck");
        assertThat(healthcheck).as("%s: healthcheck", service).isInstanceOf(Map.class);
        Object test = ((Map<?, ?>) healthcheck).get("test");
        if (test instanceof List<?> parts) {
            return parts.stream().map(String::valueOf).toList();
        }
        return test == null ? List.of() : List.of(String.valueOf(test));
    }

    /** depends_on in its long form; the short (list) form has no condition and is reported as such. */
    private static Map<String, Object> dependsOn(String service) {
        Object dependsOn = service(service).get("depends_on");
        assertThat(dependsOn).as("%s: depends_on with conditions", service).isInstanceOf(Map.class);
        return map(dependsOn, service + ".depends_on");
    }

    private static String mongoReplicaSet() {
        Object command = service(MONGO).get("command");
        List<String> arguments = command instanceof List<?> parts
                ? parts.stream().map(String::valueOf).toList()
                : List.of(String.valueOf(command).split("\\s+"));
        int flag = arguments.indexOf("--replSet");
        assertThat(flag).as("mongo: --replSet in its command %s", arguments).isNotNegative()
                .isLessThan(arguments.size() - 1);
        return arguments.get(flag + 1);
    }

    /** Host port to container port, from the short ({@code [ip:]host:container[/protocol]}) or the long syntax. */
    private static Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> ports = new LinkedHashMap<>();
        for (Object entry : list(service(service).getOrDefault("ports", List.of()), service + ".ports")) {
            if (entry instanceof Map<?, ?> port) {
                Object published = port.get("published");
                ports.put(published == null ? -1 : Integer.parseInt(String.valueOf(published)),
                        Integer.parseInt(String.valueOf(port.get("target"))));
            } else {
                String[] parts = String.valueOf(entry).replaceFirst("/\\w+$", "").split(":");
                int target = Integer.parseInt(parts[parts.length - 1]);
                ports.put(parts.length == 1 ? -1 : Integer.parseInt(parts[parts.length - 2]), target);
            }
        }
        return ports;
    }

    /** Sources of the bind mounts that come from the repository (relative paths), resolved against its root. */
    private static List<Path> bindMountSources(String service) {
        List<Path> sources = new ArrayList<>();
        for (Object volume : list(service(service).getOrDefault("volumes", List.of()), service + ".volumes")) {
            String source;
            if (volume instanceof Map<?, ?> mount) {
                if (!"bind".equals(mount.get("type"))) {
                    continue;
                }
                source = String.valueOf(mount.get("source"));
            } else {
                source = String.valueOf(volume).split(":")[0];
            }
            if (source.startsWith(".")) {
                sources.add(root.resolve(source).normalize());
            }
        }
        return sources;
    }

    private static List<String> dashboardExpressions(Object node) {
        List<String> expressions = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("expr".equals(key)) {
                    expressions.add(String.valueOf(value));
                } else {
                    expressions.addAll(dashboardExpressions(value));
                }
            });
        } else if (node instanceof List<?> items) {
            items.forEach(item -> expressions.addAll(dashboardExpressions(item)));
        }
        return expressions;
    }

    /** A compose key-value section in either form: a mapping, or a list of {@code KEY=value}. */
    private static Map<String, String> keyValues(Object section) {
        Map<String, String> values = new LinkedHashMap<>();
        if (section instanceof Map<?, ?> map) {
            map.forEach((key, value) -> values.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        } else if (section instanceof List<?> items) {
            for (Object item : items) {
                String[] pair = String.valueOf(item).split("=", 2);
                values.put(pair[0], pair.length == 2 ? pair[1] : null);
            }
        }
        return values;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String what) {
        assertThat(node).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }

    private static List<?> list(Object node, String what) {
        assertThat(node).as(what).isInstanceOf(List.class);
        return (List<?>) node;
    }

    private static Map<String, Object> yaml(Path file) throws IOException {
        assertThat(file).isRegularFile();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(200);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return map(new Yaml(new SafeConstructor(options)).load(reader), file.toString());
        }
    }

    /** Walks up from the working directory to the directory with docker-compose.yml beside a multi-module pom. */
    /** The {@code <modules>} of a pom (comments are not modules). */
    private static List<String> pomModules(Path pom) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element project;
        try (InputStream in = Files.newInputStream(pom)) {
            project = factory.newDocumentBuilder().parse(in).getDocumentElement();
        }
        Set<String> modules = new TreeSet<>();
        for (Element section : children(project, "modules")) {
            for (Element module : children(section, "module")) {
                modules.add(module.getTextContent().trim());
            }
        }
        return List.copyOf(modules);
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                children.add(element);
            }
        }
        return children;
    }

    private static boolean hasSpringBootApplication(Path module) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.anyMatch(file -> file.getFileName().toString().endsWith("Application.java"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
