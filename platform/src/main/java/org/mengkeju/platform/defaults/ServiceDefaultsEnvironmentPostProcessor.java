package org.mengkeju.platform.defaults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * Gives every service the platform's defaults ({@value #RESOURCE}) as the property source of lowest precedence:
 * a service's application.yml, the environment and the command line all override them, key by key.
 *
 * <p>Only servlet applications are services; the gateway (reactive) uses a few platform classes but keeps its own
 * configuration. Runs after the config-data processor so that application.yml is already in place above it.
 */
public class ServiceDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    public static final String RESOURCE = "mengkeju-service-defaults.yml";
    public static final String PROPERTY_SOURCE_NAME = "mengkejuServiceDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (application.getWebApplicationType() != WebApplicationType.SERVLET
                || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        environment.getPropertySources().addLast(load());
    }

    static PropertySource<?> load() {
        try {
            List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(PROPERTY_SOURCE_NAME,
                    new ClassPathResource(RESOURCE, ServiceDefaultsEnvironmentPostProcessor.class.getClassLoader()));
            if (documents.size() != 1) {
                throw new IllegalStateException(RESOURCE + " must hold exactly one YAML document");
            }
            return documents.getFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform's service defaults " + RESOURCE, e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
