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
            assertThat(service.path("service").asString()).isEqualTo(service.path("name").asString() + "-service");
            assertThat(service.path("url").asString())
                    .isEqualTo(gateway("/api-docs/" + service.path("name").asString()).toString());
        }
        assertApiKeyScheme(body(response));
    }

    @Test
    void theGatewaysOwnApiHasADocumentWithEveryOperationDescribed() {
        String url = body(get("/api-docs")).path("gateway").path("url").asString();
        assertThat(url).isEqualTo(gateway("/v3/api-docs").toString());

        var response = get("/v3/api-docs");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode document = body(response);
        assertThat(document.path("paths").propertyNames()).containsExactlyInAnyOrder("/api/v1/admin/clients",
                "/api/v1/admin/clients/{clientId}", "/api/v1/admin/clients/{clientId}/key-rotations",
                "/api/v1/admin/clients/{clientId}/revocation", "/api/v1/admin/clients/{clientId}/keys/{keyId}",
                "/oauth2/token", "/api/v1/ops/overview", "/api/v1/ops/services/{service}/dead-letters",
                "/api/v1/ops/services/{service}/dead-letters/{deadLetterId}/replay");
        for (var path : document.path("paths").properties()) {
            for (var operation : path.getValue().properties()) {
                String where = operation.getKey() + " " + path.getKey();
                assertThat(operation.getValue().path("summary").asString()).as(where).isNotBlank();
                assertThat(operation.getValue().path("responses").propertyNames()).as(where)
                        .anyMatch(status -> status.startsWith("2")).anyMatch(status -> status.startsWith("4"));
            }
        }
        assertThat(document.path("components").path("securitySchemes").propertyNames())
                .contains("ApiKey", "Bearer");
    }

    @Test
    void everyServiceListedInTheIndexHasItsDocumentUnderThatName() {
        for (JsonNode service : body(get("/api-docs")).path("services").values()) {
            String name = service.path("name").asString();
            if (!"finance".equals(name)) { // down in this set-up: answersA503ProblemWhenTheServiceIsDown
                assertThat(get("/api-docs/" + name).statusCode()).as(name).isEqualTo(200);
            }
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
        assertApiKeyScheme(document);
        assertThat(services.receivedOn("/v3/api-docs")).hasSize(fetchedBefore + 1);
        assertThat(services.receivedOn("/v3/api-docs").getLast().header("X-Request-Id"))
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    private static void assertApiKeyScheme(JsonNode document) {
        JsonNode scheme = document.path("components").path("securitySchemes").path("ApiKey");
        assertThat(scheme.path("type").asString()).isEqualTo("apiKey");
        assertThat(scheme.path("in").asString()).isEqualTo("header");
        assertThat(scheme.path("name").asString()).isEqualTo("X-Api-Key");
        assertThat(document.path("security").values())
                .anySatisfy(requirement -> assertThat(requirement.has("ApiKey")).isTrue());
    }

    @Test
    void answersA404ProblemForAServiceThatDoesNotExist() {
        // The module is contract-service: "contracts" named it once, and is no service's name.
        var response = get("/api-docs/contracts");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("contracts");
    }

    @Test
    void answersA503ProblemWhenTheServiceIsDown() {
        var response = get("/api-docs/finance");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("finance-service");
    }
}
