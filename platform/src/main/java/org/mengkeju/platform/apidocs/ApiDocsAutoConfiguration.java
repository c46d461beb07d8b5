package org.mengkeju.platform.apidocs;

import org.mengkeju.platform.identity.CallerIdentity;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.PropertyCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The defaults of every service's OpenAPI document, built once here so that each service's document says the same
 * things the same way: who the caller is (an API key checked by the gateway, never a parameter), what an error looks
 * like, and which errors an operation can answer.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(OpenApiCustomizer.class)
@EnableConfigurationProperties(ApiDocsProperties.class)
public class ApiDocsAutoConfiguration {

    static {
        // The caller is resolved from the identity the gateway verified, not from the request: it is not a parameter.
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(CallerIdentity.class);
    }

    @Bean
    ServiceDocumentDefaults serviceDocumentDefaults(ApiDocsProperties properties,
            @Value("${spring.application.name:service}") String application) {
        return new ServiceDocumentDefaults(properties, application);
    }

    @Bean
    PropertyCustomizer notBlankTextCustomizer() {
        return new NotBlankText();
    }
}
