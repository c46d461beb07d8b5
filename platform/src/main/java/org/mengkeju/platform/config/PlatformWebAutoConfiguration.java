package org.mengkeju.platform.config;

import java.time.Clock;

import org.mengkeju.platform.web.ProblemDetailsAdvice;
import org.mengkeju.platform.web.ProblemErrorReportValve;
import org.mengkeju.platform.web.QueryEncodingFilter;
import org.mengkeju.platform.web.RequestBodyLimitFilter;
import org.mengkeju.platform.web.RequestIdFilter;
import org.mengkeju.platform.web.StrictJson;
import org.mengkeju.platform.web.WebProperties;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Service defaults for a servlet service: request ids, problem details, a body limit, strict JSON, and replayable
 * creates; identity is its own configuration.
 */
@AutoConfiguration(afterName = {"org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration",
        "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(WebProperties.class)
public class PlatformWebAutoConfiguration {

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        var registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Right after the request id (so the 413 carries it), before anything reads the body. */
    @Bean
    FilterRegistrationBean<RequestBodyLimitFilter> requestBodyLimitFilter(WebProperties properties) {
        var registration = new FilterRegistrationBean<>(new RequestBodyLimitFilter(properties));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<QueryEncodingFilter> queryEncodingFilter() {
        var registration = new FilterRegistrationBean<>(new QueryEncodingFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    StrictJson strictJson() {
        return new StrictJson();
    }

    /** Container-level refusals (a malformed URI, a header too large) as problems too, not Tomcat's HTML page. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(TomcatServletWebServerFactory.class)
    static class TomcatProblems {

        /**
         * "100 Continue" only once the application reads the body: a body refused up front (too large, no
         * identity) is then never sent by a client that asked first.
         */
        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueOnRead() {
            return factory -> factory.addConnectorCustomizers(
                    connector -> connector.setProperty("continueResponseTiming", "onRead"));
        }

        @Bean
        WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
            return factory -> factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                    host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                    for (var valve : host.getPipeline().getValves()) {
                        if (valve instanceof org.apache.catalina.valves.ErrorReportValve
                                && !(valve instanceof ProblemErrorReportValve)) {
                            host.getPipeline().removeValve(valve);
                        }
                    }
                }
            });
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MongoTemplate.class)
    static class Idempotency {

        @Bean
        @ConditionalOnBean(MongoTemplate.class)
        IdempotentRequests idempotentRequests(MongoTemplate mongo, JsonMapper json, WebProperties properties, Clock clock) {
            return new IdempotentRequests(mongo, json, clock, properties.idempotencyTakeOver());
        }
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }
}
