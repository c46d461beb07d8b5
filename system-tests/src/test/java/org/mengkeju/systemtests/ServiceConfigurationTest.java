package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mengkeju.topology.BackendService;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Holds each service's own application.yml to the one list of services: its application name is its module, its
 * port and database are the topology's, so the local run, the gateway's defaults and docker-compose.yml agree with
 * a service started on its own. Nothing is started.
 */
class ServiceConfigurationTest {

    @Test
    void eachServiceRunsUnderItsModuleNameOnItsPortWithItsOwnDatabase() throws IOException {
        Path root = RepositoryRoot.find();
        for (BackendService service : BackendService.values()) {
            Path file = root.resolve(service.module()).resolve("src/main/resources/application.yml");
            Map<String, Object> yaml = yaml(file);

            assertThat(path(yaml, "spring", "application", "name")).as("%s: spring.application.name", file)
                    .isEqualTo(service.module());
            assertThat(path(yaml, "server", "port")).as("%s: server.port", file).isEqualTo(service.defaultPort());
            URI mongo = URI.create(String.valueOf(path(yaml, "spring", "mongodb", "uri")));
            assertThat(mongo.getPath()).as("%s: database of spring.mongodb.uri", file).isEqualTo("/" + service.database());
        }
    }

    @Test
    void theGatewayLeavesTheServiceListToTheTopology() throws IOException {
        Path file = RepositoryRoot.find().resolve("gateway/src/main/resources/application.yml");

        assertThat(path(yaml(file), "mengkeju", "gateway", "services")).as("%s: mengkeju.gateway.services", file)
                .isNull();
    }

    private static Object path(Map<String, Object> yaml, String... keys) {
        Object node = yaml;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        assertThat(file).isRegularFile();
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(reader);
        }
    }
}
