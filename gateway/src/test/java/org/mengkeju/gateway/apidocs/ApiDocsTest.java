package org.mengkeju.gateway.apidocs;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.FakeService;
import org.mengkeju.gateway.GatewayIntegrationTest;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class ApiDocsTest extends GatewayIntegrationTest {

    @Test
    void listsEveryServicesDocumentWithoutAnApiKey() {
        var response = get("/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contentType(response)).startsWith("application/json");
        var services = body(response).path("services");
        assertThat(services.values().stream().map(service -> service.path("name").asString()))
                .containsExactly("catalog", "matching", "contract", "points", "finance");
        assertThat(services.values().stream().map(service -> service.path("service").asString()))
                .containsExactly("catalog-service", "matching-service", "contract-service", "points-service",
                        "finance-service");
        for (JsonNode service : services.values()) {
            assertThat(service.path("url").asString())
                    .isEqualTo(gateway("/api-docs/" + service.path("name").asString()).toString());
        }
    }

    @Test
    void servesAServicesDocumentWithTheGatewayAsItsServer() {
        int fetchedBefore = services.receivedOn("/v3/api-docs").size();

        var response = get("/api-docs/catalog");

        assertThat(response.statusCode()).isEqualTo(200);
        var document = body(response);
        assertThat(document.path("info").path("title").asString()).isEqualTo(FakeService.DOCUMENT_TITLE);
        assertThat(document.path("paths").has("/api/v1/catalog/achievements")).isTrue();
        assertThat(document.path("servers").values()).singleElement()
                .satisfies(server -> assertThat(server.path("url").asString()).isEqualTo(gateway("").toString()));
        assertThat(services.receivedOn("/v3/api-docs")).hasSize(fetchedBefore + 1);
        assertThat(services.receivedOn("/v3/api-docs").getLast().header("X-Request-Id"))
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void answersA404ProblemForAServiceThatDoesNotExist() {
        var response = get("/api-docs/registry");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("registry");
    }

    @Test
    void answersA503ProblemWhenTheServiceIsDown() {
        var response = get("/api-docs/finance");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("finance-service");
    }
}
