package org.mengkeju.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.test.DocumentedApi;
import org.mengkeju.platform.test.RoleMatrix;
import org.mengkeju.platform.test.RoleRules;
import org.mengkeju.platform.test.RoleRules.Rule;

/**
 * Who may call what at the gateway, against the README's table: its own endpoints (client management, the token
 * endpoint) walked as every role with real keys, and every service endpoint of the table refused to an
 * administrator (it calls no service) and to a caller without a key, before anything reaches the service.
 */
class RoleMatrixTest extends GatewayIntegrationTest {

    /** springdoc names an operation without an operationId after its method. */
    private static final String TOKEN_OPERATION = "token";
    private static final String REGISTER_OPERATION = "register";
    private static final String CLIENTS = "/api/v1/admin/clients";

    /** The keys of the roles the shared configuration has no client of, registered once through the admin API. */
    private static final Map<String, String[]> registered = new ConcurrentHashMap<>();

    @Test
    void theGatewaysOwnEndpointsAnswerEachRoleAsTheTableSays() {
        RoleRules rules = RoleRules.fromReadme();

        var findings = RoleMatrix.findings(DocumentedApi.of("http://localhost:" + port), rules,
                "gateway", "",
                RoleRules.ROLES, 401, this::caller,
                this::body);

        assertThat(findings).as("who may call what: the README's table against the gateway").isEmpty();
    }

    @Test
    void anAdministratorReachesNoServiceAndNobodyWithoutAKeyDoes() {
        RoleRules rules = RoleRules.fromReadme();
        List<String> wrong = new ArrayList<>();
        int checked = 0;
        for (Rule rule : rules.rules()) {
            if (rule.service().equals("gateway")) {
                continue;
            }
            String method = rule.operation().substring(0, rule.operation().indexOf(' '));
            String path = "/api/v1/" + rule.service()
                    + rule.operation().substring(method.length() + 1).replaceAll("\\{[^}]+}", "x-" + checked);
            int admin = call(method, path, "X-Api-Key", ADMIN_KEY).statusCode();
            int anonymous = call(method, path).statusCode();
            if (rule.answer("ADMIN") != RoleRules.Answer.FORBIDDEN || admin != 403) {
                wrong.add(rule.operation() + " of " + rule.service() + ": ADMIN got " + admin + ", the table says "
                        + rule.answer("ADMIN"));
            }
            if (anonymous != 401) {
                wrong.add(rule.operation() + " of " + rule.service() + ": without a key " + anonymous);
            }
            checked++;
        }

        assertThat(checked).as("service endpoints in the table").isGreaterThan(50);
        assertThat(wrong).isEmpty();
    }

    /**
     * The token request is a form; a registration takes a fresh client id each time, so the administrator's is a 201
     * rather than a 409 for an id taken by an earlier call. Every other operation takes its documented example.
     */
    private String[] body(String operationId, String example) {
        return switch (operationId) {
            case TOKEN_OPERATION -> new String[] {"application/x-www-form-urlencoded", "grant_type=client_credentials"};
            case REGISTER_OPERATION -> new String[] {"application/json", """
                    {"clientId":"matrix-imau-%s","role":"PARTNER","institutionId":"imau","regionCode":"150100"}"""
                    .formatted(UUID.randomUUID().toString().substring(0, 8))};
            default -> null;
        };
    }

    /** A request as a client would send it: a JSON body with the methods that take one. */
    private HttpResponse<String> call(String method, String path, String... headers) {
        if (method.equals("GET") || method.equals("DELETE")) {
            return request(method, path, headers);
        }
        String[] withType = Arrays.copyOf(headers, headers.length + 2);
        withType[headers.length] = "Content-Type";
        withType[headers.length + 1] = "application/json";
        return send(method, path, "{}", withType);
    }

    /**
     * A role's key as {@code X-Api-Key}, or for the token endpoint its client id and key as HTTP Basic. A broker gets
     * a fresh client per call: the broker role's bucket is tiny in these tests (the rate-limit test's).
     */
    private String[] caller(String operationId, String role) {
        String[] client = switch (role) {
            case "PARTNER" -> new String[] {"imut-tto", PARTNER_KEY};
            case "OPERATOR" -> new String[] {"kjt-operations", OPERATOR_KEY};
            case "ADMIN" -> new String[] {"kjt-client-admin", ADMIN_KEY};
            case "BROKER" -> register("BROKER", null, "150100");
            case "SUB_CENTER" -> registered.computeIfAbsent(role, r -> register(r, "hohhot-sub-center", "150100"));
            case "FINANCE_INSTITUTION" ->
                    registered.computeIfAbsent(role, r -> register(r, "bank-of-inner-mongolia", null));
            default -> throw new IllegalArgumentException(role);
        };
        if (TOKEN_OPERATION.equals(operationId)) {
            return new String[] {"Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (client[0] + ":" + client[1]).getBytes(StandardCharsets.UTF_8))};
        }
        return new String[] {"X-Api-Key", client[1]};
    }

    private String[] register(String role, String institutionId, String regionCode) {
        String clientId = "matrix-" + role.toLowerCase().replace('_', '-') + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        var answer = post(CLIENTS, """
                {"clientId":"%s","role":"%s"%s%s}""".formatted(clientId, role,
                institutionId == null ? "" : ",\"institutionId\":\"" + institutionId + "\"",
                regionCode == null ? "" : ",\"regionCode\":\"" + regionCode + "\""), "X-Api-Key", ADMIN_KEY);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
        return new String[] {clientId, body(answer).path("apiKey").asString()};
    }
}
