package org.mengkeju.gateway.clients;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.mengkeju.platform.apidocs.ApiKeyScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the gateway's own API (client management and the token endpoint), at {@code /v3/api-docs}
 * and listed in the index as {@code gateway}; the same key scheme as every service's document, and the bearer
 * token beside it.
 */
@Configuration(proxyBeanMethods = false)
class ClientApiDocument {

    static final String BEARER = "Bearer";

    @Bean
    OpenAPI gatewayApiDocument() {
        return new OpenAPI()
                .info(new Info().title("蒙科聚 gateway API").version("v1").description("Client management (接入方管理) "
                        + "for administrators, and OAuth2 client credentials for every client. Errors of the admin "
                        + "API are RFC 9457 problems; errors of the token endpoint are OAuth2's (RFC 6749 §5.2)."))
                .components(new Components()
                        .addSecuritySchemes(ApiKeyScheme.NAME, new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.HEADER).name(ApiKeyScheme.HEADER)
                                .description(ApiKeyScheme.DESCRIPTION))
                        .addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("JWT")
                                .description("An access token from POST /oauth2/token, valid a few minutes.")))
                .addSecurityItem(new SecurityRequirement().addList(ApiKeyScheme.NAME))
                .addSecurityItem(new SecurityRequirement().addList(BEARER));
    }
}
