package org.mengkeju.platform.config;

import java.time.Clock;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentityArgumentResolver;
import org.mengkeju.platform.identity.IdentityFilter;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.web.ProblemDetailsAdvice;
import org.mengkeju.platform.web.RequestIdFilter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Service defaults for a servlet service: request ids, gateway identity, problem details. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(IdentityProperties.class)
public class PlatformWebAutoConfiguration {

    @Bean
    IdentityToken identityToken(IdentityProperties properties) {
        if (properties.secret() == null) {
            throw new IllegalStateException(
                    "mengkeju.identity.secret is not set: the service cannot verify the gateway's identity header");
        }
        return new IdentityToken(properties.secret(), properties.lifetime(), Clock.systemUTC());
    }

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<IdentityFilter> identityFilter(IdentityToken tokens) {
        var registration = new FilterRegistrationBean<>(new IdentityFilter(tokens));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    WebMvcConfigurer callerIdentityResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerIdentityArgumentResolver());
            }
        };
    }
}
