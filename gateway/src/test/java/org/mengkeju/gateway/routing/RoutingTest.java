package org.mengkeju.gateway.routing;

import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mengkeju.gateway.FakeService;
import org.mengkeju.gateway.GatewayIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class RoutingTest extends GatewayIntegrationTest {

    @AfterAll
    static void releaseHangingRequests() {
        services.releaseHanging();
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog", "matching", "contract", "points"})
    void forwardsEachServicesPathsUnchanged(String service) {
        String path = "/api/v1/" + service + "/items/" + UUID.randomUUID();

        var response = get(path + "?region=150600&cursor=abc", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("served").asString()).isEqualTo(path);
        var received = services.receivedOn(path);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.query()).isEqualTo("region=150600&cursor=abc");
        });
    }

    @Test
    void forwardsAPostWithItsBody() {
        String path = "/api/v1/matching/demands/" + UUID.randomUUID();
        String demand = "{\"title\":\"稀土永磁电机控制技术\",\"regionCode\":\"150200\"}";

        var response = post(path, demand, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(services.receivedOn(path)).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.body()).isEqualTo(demand);
        });
    }

    @Test
    void answersA503ProblemNamingAServiceThatIsDown() {
        String path = "/api/v1/finance/products/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).startsWith("application/problem+json");
        var problem = body(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("finance-service").contains("cannot be reached");
        // Tells a partner system when to try again rather than leaving it to retry in a loop.
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(problem.path("requestId").asString()).isNotBlank();
    }

    @Test
    void answersA503ProblemToAPostForAServiceThatIsDown() {
        var response = post("/api/v1/finance/applications", "{}", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).path("detail").asString()).contains("finance-service");
    }

    @Test
    void retriesAFailingReadButNeverAPost() {
        String read = FakeService.FAILING_PREFIX + UUID.randomUUID();
        String write = FakeService.FAILING_PREFIX + UUID.randomUUID();

        var readResponse = get(read, "X-Api-Key", PARTNER_KEY);
        var writeResponse = post(write, "{\"points\":100}", "X-Api-Key", PARTNER_KEY);

        // The service's own answer comes back once the attempts are spent.
        assertThat(readResponse.statusCode()).isEqualTo(503);
        assertThat(writeResponse.statusCode()).isEqualTo(503);
        assertThat(services.receivedOn(read)).hasSize(3);
        assertThat(services.receivedOn(write)).hasSize(1);
    }

    @Test
    void answersA503ProblemWhenAServiceDoesNotAnswerInTime() {
        String path = FakeService.HANGING_PREFIX + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).path("detail").asString()).contains("points-service").contains("in time");
    }

    @Test
    void answersA404ProblemForAnApiNoServiceServes() {
        var response = get("/api/v1/nope", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
        var problem = body(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/not-found");
        assertThat(problem.path("detail").asString()).isEqualTo("no API at GET /api/v1/nope");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/nope");
        assertThat(services.receivedOn("/api/v1/nope")).isEmpty();
    }

    @Test
    void answersA404ProblemForAnyOtherUnknownPath() {
        var response = get("/grafana");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void hidesTheFallbackFromDirectCalls() {
        var response = get("/fallback/catalog");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
    }
}
