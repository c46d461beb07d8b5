package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.IdentityVerifier;
import org.mengkeju.platform.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationContext;

/**
 * What every service offers the same way, checked on the real service: health from MongoDB ping and Kafka,
 * Prometheus metrics, the OpenAPI document, request ids, and problem details for refusals. A service's test
 * extends this and names its API area.
 */
@ServiceIntegrationTest
public abstract class ServiceDefaultsTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.application.name}")
    String application;
    @Autowired
    ApplicationContext context;

    /** The service's API area, e.g. {@code /api/v1/matching}. */
    protected abstract String apiArea();

    protected TestHttp http() {
        return TestHttp.localPort(port);
    }

    @Test
    void healthIsUpOnlyWithMongoPingAndKafkaBothReachable() {
        var health = http().get("/actuator/health", IdentityToken.HEADER, TestIdentities.operator());

        assertThat(health.statusCode()).isEqualTo(200);
        var body = json(health);
        assertThat(body.path("status").asString()).isEqualTo("UP");
        assertThat(body.path("components").path("mongo").path("status").asString()).isEqualTo("UP");
        // The ping check reports the database it pinged; Boot's own check (which sends hello) does not.
        assertThat(body.path("components").path("mongo").path("details").path("database").asString()).isNotEmpty();
        assertThat(body.path("components").path("kafka").path("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessAndReadinessAreSeparateHealthGroups() {
        var liveness = http().get("/actuator/health/liveness");
        assertThat(liveness.statusCode()).isEqualTo(200);
        assertThat(json(liveness).path("status").asString()).isEqualTo("UP");
        // Readiness waits for the store, the broker and, where the service consumes events, partition assignment.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http().get("/actuator/health/readiness").statusCode()).isEqualTo(200));
    }

    @Test
    void prometheusMetricsAreTaggedWithTheApplication() {
        var metrics = http().get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("application=\"" + application + "\"");
    }

    @Test
    void theOpenApiDocumentIsServed() {
        var docs = http().get("/v3/api-docs");

        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(json(docs).path("openapi").asString()).startsWith("3.");
    }

    /**
     * The headers of the caller the document walk calls every operation as; an operator by default. A service whose
     * examples need another caller overrides this.
     */
    protected String[] documentedApiCaller() {
        return new String[] {IdentityToken.HEADER, TestIdentities.operator()};
    }

    /** The caller for one operation, by its operationId; {@link #documentedApiCaller()} unless a service says more. */
    protected String[] documentedApiCaller(String operationId) {
        return documentedApiCaller();
    }

    @Test
    void theOpenApiDocumentDescribesTheServiceAndHowToCallIt() {
        var document = DocumentedApi.of("http://127.0.0.1:" + port).document();

        assertThat(DocumentedApiRules.violations(document, application)).isEmpty();
    }

    @Test
    void everyDocumentedOperationAnswersAsItsDocumentSays() {
        var api = DocumentedApi.of("http://127.0.0.1:" + port);

        var calls = api.walk(this::documentedApiCaller);

        assertThat(calls).filteredOn(call -> !call.conforms()).isEmpty();
        for (String operation : api.operations()) {
            assertThat(calls).filteredOn(call -> call.operation().equals(operation) && call.variant().equals("valid"))
                    .as("the examples of %s make a request it accepts", operation)
                    .singleElement().satisfies(call -> assertThat(call.status()).as(call.toString()).isBetween(200, 299));
            assertThat(calls).filteredOn(call -> call.operation().equals(operation) && call.status() >= 400)
                    .as("invalid requests to %s are refused", operation).isNotEmpty();
        }
    }

    /**
     * The identity a role calls an operation with in the role matrix. By default one client per role, each in the
     * scope of the examples ({@link #roleMatrixInstitution()}'s office for partners, the sub-center and a broker of
     * {@link #roleMatrixRegion()}, the platform's operators), so that what refuses it is the role rather than the
     * scope. A service whose examples need another caller for one operation overrides this.
     */
    protected String[] roleMatrixCaller(String operationId, String role) {
        String institution = roleMatrixInstitution();
        String region = roleMatrixRegion();
        CallerIdentity identity = switch (role) {
            case "PARTNER" -> new CallerIdentity(institution + "-tto", Role.PARTNER, institution, region);
            case "SUB_CENTER" -> new CallerIdentity("sub-center-" + region, Role.SUB_CENTER, "sub-center-" + region,
                    region);
            case "FINANCE_INSTITUTION" -> new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION,
                    "bank-of-inner-mongolia", "150100");
            case "BROKER" -> new CallerIdentity("brokers-" + region, Role.BROKER, "brokers-" + region, region);
            case "OPERATOR" -> new CallerIdentity("ops-console", Role.OPERATOR, null, null);
            default -> throw new IllegalArgumentException("no identity of role " + role + " reaches a service");
        };
        return new String[] {IdentityToken.HEADER, TestIdentities.token(identity)};
    }

    /** The institution of the role matrix's partner: the one the examples' data belongs to (imut's listings). */
    protected String roleMatrixInstitution() {
        return "imut";
    }

    /** The league-city of the role matrix's partner, sub-center and broker (Hohhot). */
    protected String roleMatrixRegion() {
        return "150100";
    }

    /**
     * The roles the matrix calls as; within an operation the allowed ones in this order, so the last one's answers
     * (the partner's listing, say) feed the operations after it. {@code ADMIN} never reaches a service: the gateway
     * refuses it (checked in the gateway's tests).
     */
    protected List<String> roleMatrixRoles() {
        return List.of("SUB_CENTER", "FINANCE_INSTITUTION", "BROKER", "OPERATOR", "PARTNER");
    }

    /**
     * The request body the role matrix sends to an operation instead of its example, as {@code {contentType, body}};
     * null for the example. The matrix and the document walk share the service's database, so a create that may
     * happen once (a contract as signed, a transfer id) needs its own in the matrix.
     */
    protected String[] roleMatrixBody(String operationId, String example) {
        return null;
    }

    @Test
    void everyOperationAnswersEachRoleAsTheRoleTableSays() {
        RoleRules rules = RoleRules.fromReadme();
        String service = apiArea().substring(apiArea().lastIndexOf('/') + 1);

        var findings = RoleMatrix.findings(DocumentedApi.of("http://127.0.0.1:" + port), rules, service, apiArea(),
                roleMatrixRoles(), 401, this::roleMatrixCaller, this::roleMatrixBody);

        assertThat(findings).as("who may call what: the README's table against %s", application).isEmpty();
        assertThat(rules.rules(service)).as("an administrator calls no service").isNotEmpty()
                .allSatisfy(rule -> assertThat(rule.answer("ADMIN")).as(rule.operation())
                        .isEqualTo(RoleRules.Answer.FORBIDDEN));
    }

    @Test
    void anApiCallWithoutAVerifiedIdentityIsA401Problem() {
        var response = http().get(apiArea() + "/anything", "X-Request-Id", "req-defaults-401");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/unauthenticated");
        assertThat(json(response).path("requestId").asString()).isEqualTo("req-defaults-401");
    }

    @Test
    void anUnknownPathIsA404ProblemCarryingTheRequestId() {
        var response = http().get(apiArea() + "/no-such-resource", IdentityToken.HEADER, TestIdentities.operator(),
                "X-Request-Id", "req-defaults-404");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue("req-defaults-404");
        assertThat(json(response).path("status").asInt()).isEqualTo(404);
        assertThat(json(response).path("requestId").asString()).isEqualTo("req-defaults-404");
    }
    @Test
    void healthShowsItsDetailsToAnOperatorOnlyAndTheProbesStayOpen() {
        var anonymous = http().get("/actuator/health");
        var partner = http().get("/actuator/health", IdentityToken.HEADER, TestIdentities.partner("imut"));
        var forged = http().get("/actuator/health", IdentityToken.HEADER,
                TestIdentities.token(new CallerIdentity("ops", Role.OPERATOR, null, null), "another-service"));

        for (var response : List.of(anonymous, partner, forged)) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(json(response).path("status").asString()).isEqualTo("UP");
            assertThat(json(response).has("components")).as(response.request().headers().map().keySet().toString())
                    .isFalse();
        }
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            var response = http().get(probe);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json(response).path("status").asString()).as(probe).isEqualTo("UP");
            assertThat(json(response).has("components")).as(probe).isFalse();
        }
    }

    /** Spellings of an {@code /api} path that a check of the raw URI's prefix would let through. */
    static final List<String> API_SPELLINGS = List.of("/%61pi", "/api;x=1", "/a%70i;v=2", "//api", "/x/../api");

    @Test
    void noSpellingOfTheApiPathSideStepsTheIdentity() {
        for (String api : API_SPELLINGS) {
            String path = api + apiArea().substring("/api".length()) + "/anything";
            var refused = http().get(path, "X-Request-Id", "req-spelling-401");
            var forOtherService = http().get(path, IdentityToken.HEADER,
                    TestIdentities.token(new CallerIdentity("ops", Role.OPERATOR, null, null), "another-service"));
            var verified = http().get(path, IdentityToken.HEADER, TestIdentities.operator());

            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(refused.headers().firstValue("Content-Type")).as(path)
                    .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
            assertThat(json(refused).path("type").asString()).as(path)
                    .isEqualTo("https://mengkeju.org/problems/unauthenticated");
            assertThat(json(refused).path("requestId").asString()).as(path).isEqualTo("req-spelling-401");
            assertThat(forOtherService.statusCode()).as(path).isEqualTo(401);
            assertThat(json(forOtherService).path("detail").asString()).as(path).contains("another service");
            // With the identity the request gets past the check to the service's routing: never a 401, never a 5xx.
            assertThat(verified.statusCode()).as(path).isNotEqualTo(401).isLessThan(500);
        }
    }

    @Test
    void theServiceHoldsNoKeyToMintIdentities() {
        assertThat(context.getBeanNamesForType(IdentitySigner.class)).isEmpty();
        assertThat(context.getBean(IdentityVerifier.class).audience()).isEqualTo(application);
        assertThat(context.getEnvironment().getProperty("mengkeju.identity.signer.key")).isNull();
    }
}
