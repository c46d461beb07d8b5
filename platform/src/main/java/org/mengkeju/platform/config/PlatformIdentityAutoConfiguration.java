package org.mengkeju.platform.config;

import java.time.Clock;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentityArgumentResolver;
import org.mengkeju.platform.identity.IdentityFilter;
import org.mengkeju.platform.identity.IdentityInterceptor;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentityVerifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The gateway's identity on a servlet service: verified with public keys only, required for everything under
 * {@code /api}, available to controllers as a {@code CallerIdentity} parameter.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentityProperties.class)
public class PlatformIdentityAutoConfiguration {

    @Bean
    IdentityVerifier identityVerifier(IdentityProperties properties, Environment environment) {
        if (properties.hasSigner()) {
            // A service that can sign could mint any identity for any service; only the gateway signs.
            throw new IllegalStateException("mengkeju.identity.signer.key is set on a service: only the gateway "
                    + "holds the private key; give services the public keys under mengkeju.identity.keys");
        }
        return IdentityVerifier.of(properties, environment.getProperty("spring.application.name"),
                Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(IdentityVerifier verifier) {
        var registration = new FilterRegistrationBean<>(new IdentityFilter(verifier));
        // Right after the request id, before anything reads the body.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    WebMvcConfigurer callerIdentityConfigurer() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerIdentityArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new IdentityInterceptor()).order(Ordered.HIGHEST_PRECEDENCE);
            }
        };
    }
}
