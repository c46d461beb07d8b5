package org.mengkeju.platform.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every service's OpenAPI document must say, whatever the service: who it is, how a caller authenticates,
 * what an error looks like, and for each operation the problems it answers and examples of what it takes and
 * gives. {@link #violations} lists each rule a document breaks.
 */
public final class DocumentedApiRules {

    private static final Set<String> PROBLEM_FIELDS =
            Set.of("type", "title", "status", "detail", "instance", "requestId", "errors");
    private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch", "head");

    private DocumentedApiRules() {
    }

    /** Each rule the document of {@code application} breaks, as a sentence; empty when it keeps them all. */
    public static List<String> violations(JsonNode document, String application) {
        List<String> violations = new ArrayList<>();
        JsonNode info = document.path("info");
        String title = info.path("title").asText("");
        if (title.isBlank() || title.startsWith("OpenAPI definition") || !title.contains(application)) {
            violations.add("info.title '" + title + "' does not name " + application);
        }
        String version = info.path("version").asText("");
        if (version.isBlank() || "v0".equals(version)) {
            violations.add("info.version '" + version + "' is not the API's version");
        }
        if (info.path("description").asText("").isBlank()) {
            violations.add("info.description is missing");
        }
        apiKeyScheme(document, violations);
        JsonNode problem = document.path("components").path("schemas").path("Problem");
        for (String field : PROBLEM_FIELDS) {
            if (!problem.path("properties").has(field)) {
                violations.add("the Problem schema has no '" + field + "'");
            }
        }
        document.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode operation = path.getValue().path(method);
            if (!operation.isMissingNode()) {
                operation(method.toUpperCase() + " " + path.getKey(), operation, violations);
            }
        }));
        if (document.toString().contains("\"*/*\"")) {
            violations.add("a media type is */*; say which one");
        }
        return violations;
    }

    private static void apiKeyScheme(JsonNode document, List<String> violations) {
        String scheme = null;
        for (var entry : document.path("components").path("securitySchemes").properties()) {
            JsonNode value = entry.getValue();
            if ("apiKey".equals(value.path("type").asText()) && "header".equals(value.path("in").asText())
                    && "X-Api-Key".equals(value.path("name").asText())) {
                scheme = entry.getKey();
            }
        }
        if (scheme == null) {
            violations.add("no apiKey security scheme for the X-Api-Key header");
            return;
        }
        boolean required = false;
        for (JsonNode requirement : document.path("security")) {
            required |= requirement.has(scheme);
        }
        if (!required) {
            violations.add("the security scheme '" + scheme + "' is not required by the document");
        }
    }

    private static void operation(String name, JsonNode operation, List<String> violations) {
        for (JsonNode parameter : operation.path("parameters")) {
            if ("query".equals(parameter.path("in").asText()) && "caller".equals(parameter.path("name").asText())) {
                violations.add(name + " lists the caller as a query parameter; the caller is the API key's");
            }
            if ("path".equals(parameter.path("in").asText()) && !hasExample(parameter)) {
                violations.add(name + " has no example of path parameter " + parameter.path("name").asText());
            }
        }
        JsonNode body = operation.path("requestBody").path("content");
        body.properties().forEach(media -> {
            if (!hasExample(media.getValue())) {
                violations.add(name + " has no example of its " + media.getKey() + " request body");
            }
        });
        JsonNode responses = operation.path("responses");
        if (!responses.has("401")) {
            violations.add(name + " does not document 401");
        }
        if (!responses.has("400")) {
            violations.add(name + " does not document 400");
        }
        responses.properties().forEach(response -> {
            String status = response.getKey();
            JsonNode content = response.getValue().path("content");
            if (response.getValue().path("description").asText("").isBlank()) {
                violations.add(name + " " + status + " has no description");
            }
            if (status.startsWith("4") || status.startsWith("5")) {
                JsonNode problem = content.path("application/problem+json");
                if (problem.isMissingNode() || !problem.path("schema").path("$ref").asText().endsWith("/Problem")) {
                    violations.add(name + " " + status + " is not an application/problem+json Problem");
                }
            }
            content.properties().forEach(media -> {
                if (!hasExample(media.getValue())) {
                    violations.add(name + " " + status + " " + media.getKey() + " has no example");
                }
            });
        });
    }

    private static boolean hasExample(JsonNode node) {
        return node.has("example") || !node.path("examples").isEmpty() || node.path("schema").has("example");
    }
}
