package org.mengkeju.platform.test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.BiFunction;

import org.mengkeju.platform.test.RoleRules.Answer;
import org.mengkeju.platform.test.RoleRules.Rule;

/**
 * The role-by-endpoint matrix: every operation of a service's OpenAPI document is called with its documented example
 * as every role and without an identity, and each answer is held against the rule table ({@link RoleRules}). An
 * operation the table has no rule for, a rule for an operation the service does not have, and an answer the rule does
 * not allow are each a finding; the walk returns them as sentences, empty when the service keeps its table.
 *
 * <p>Per operation the caller without identity goes first, then the roles the rule refuses, then the allowed ones
 * (in the order given), so a refused call never meets a state an allowed call just changed, and the path parameters
 * of later operations come from what an allowed role created (as in {@link DocumentedApi#walk}).
 */
public final class RoleMatrix {

    /** The identity headers (name, value, ...) a role calls an operation with, by its {@code operationId}. */
    @FunctionalInterface
    public interface Callers {
        String[] headers(String operationId, String role);
    }

    private static final int BODY_SHOWN = 300;

    private RoleMatrix() {
    }

    /**
     * Walks the document of the service at {@code api} and returns the findings.
     *
     * @param service the service's name in the table ({@code catalog}), {@code gateway} for the gateway's own API
     * @param prefix  what the document's paths start with and the table's leave out ({@code /api/v1/catalog}); empty
     *                for the gateway, whose table names full paths
     * @param roles   the roles to call as, allowed ones in this order (the last one's answers feed later operations)
     * @param anonymousStatus what a caller without identity gets (401)
     */
    public static List<String> findings(DocumentedApi api, RoleRules rules, String service, String prefix,
            List<String> roles, int anonymousStatus, Callers callers) {
        return findings(api, rules, service, prefix, roles, anonymousStatus, callers, (operationId, example) -> null);
    }

    /**
     * As {@link #findings(DocumentedApi, RoleRules, String, String, List, int, Callers)}, with the request body of
     * some operations given as {@code {contentType, body}} by {@code bodies} (from the operationId and the document's
     * JSON example; null: that example): for an operation that takes no JSON, such as a form-encoded token request,
     * or a create whose example another walk of the same service uses (a once-only contract, a transfer id).
     */
    public static List<String> findings(DocumentedApi api, RoleRules rules, String service, String prefix,
            List<String> roles, int anonymousStatus, Callers callers, BiFunction<String, String, String[]> bodies) {
        List<String> findings = new ArrayList<>();
        Set<String> walked = new LinkedHashSet<>();
        for (String duplicate : rules.duplicates(service)) {
            findings.add(duplicate + " has more than one rule in " + rules.source());
        }
        for (DocumentedApi.Op op : api.orderedOperations()) {
            String method = op.method().toUpperCase(Locale.ROOT);
            String operation = method + " " + (op.path().startsWith(prefix) ? op.path().substring(prefix.length())
                    : op.path());
            walked.add(operation);
            String operationId = op.node().path("operationId").asText("");
            var rule = rules.rule(service, operation);
            String[] body = bodies.apply(operationId, op.exampleBody());
            DocumentedApi.Call anonymous = call(api, op, new String[0], "without identity", body);
            if (anonymous.status() != anonymousStatus) {
                findings.add(operation + " without identity: expected " + anonymousStatus + ", got "
                        + describe(anonymous));
            }
            if (rule.isEmpty()) {
                StringJoiner seen = new StringJoiner(", ");
                for (String role : roles) {
                    seen.add(role + " " + call(api, op, callers.headers(operationId, role), role, body).status());
                }
                findings.add(service + " `" + operation + "` has no rule in " + rules.source()
                        + "; a new endpoint needs one (answers now: " + seen + ")");
                continue;
            }
            List<String> order = new ArrayList<>();
            roles.stream().filter(r -> rule.get().answer(r) != Answer.ALLOWED).forEach(order::add);
            roles.stream().filter(r -> rule.get().answer(r) == Answer.ALLOWED).forEach(order::add);
            for (String role : order) {
                Answer expected = rule.get().answer(role);
                DocumentedApi.Call answered = call(api, op, callers.headers(operationId, role), role, body);
                if (!expected.matches(answered.status())) {
                    findings.add(operation + " as " + role + ": the table (line " + rule.get().line() + ") says "
                            + expected + ", the service answered " + describe(answered));
                }
            }
        }
        for (Rule rule : rules.rules(service)) {
            if (!walked.contains(rule.operation())) {
                findings.add(rules.source().getFileName() + " line " + rule.line() + " has a rule for "
                        + rule.operation() + ", which " + service + " does not have");
            }
        }
        return findings;
    }

    private static DocumentedApi.Call call(DocumentedApi api, DocumentedApi.Op op, String[] headers, String variant,
            String[] body) {
        return body == null ? api.call(op, variant, headers, Map.of(), op.exampleBody(), "application/json", true)
                : api.call(op, variant, headers, Map.of(), body[1], body[0], true);
    }

    private static String describe(DocumentedApi.Call call) {
        String body = call.body() == null ? "" : call.body().replaceAll("\\s+", " ");
        return call.status() + " to " + call.request()
                + (body.isEmpty() ? "" : ": " + (body.length() > BODY_SHOWN ? body.substring(0, BODY_SHOWN) + "..."
                        : body));
    }
}
