package org.mengkeju.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * A service's OpenAPI document held against the service itself: every documented operation is called with the
 * valid request its examples describe and with a few invalid ones, and each real answer must be one the document
 * lists, in a documented media type, with a body valid against the documented schema (OpenAPI 3.1 schemas are
 * JSON Schema 2020-12). Nothing here knows a service: what it needs comes from the document, so an operation
 * added later is walked without a line of test code.
 *
 * <p>Path parameters take the value a previous answer gave under the same name (the {@code id} a create
 * returned), else the parameter's example. Operations without path parameters run first, so a create feeds the
 * reads and transitions after it.
 */
public final class DocumentedApi {

    /** One request and what was wrong with its answer; {@code mismatches} is empty when the answer is documented. */
    public record Call(String operation, String variant, String request, int status, String body,
            List<String> mismatches) {

        public boolean conforms() {
            return mismatches.isEmpty();
        }

        @Override
        public String toString() {
            return operation + " [" + variant + "] " + request + " -> " + status
                    + (mismatches.isEmpty() ? "" : " " + mismatches + " body: " + abbreviate(body));
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1, as the gateway's clients and the gateway itself call: no h2c upgrade, which the reactive gateway can
    // leave hanging on a reused connection.
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true).build();
    private static final List<String> METHODS = List.of("post", "put", "patch", "get", "head", "delete");

    private final String baseUrl;
    private final JsonNode document;
    private final Map<String, String> learned = new HashMap<>();

    private DocumentedApi(String baseUrl, JsonNode document) {
        this.baseUrl = baseUrl;
        this.document = document;
    }

    /** The document the service at {@code baseUrl} serves at {@code /v3/api-docs}. */
    public static DocumentedApi of(String baseUrl) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).GET());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no OpenAPI document at " + baseUrl + ": " + response.statusCode());
        }
        try {
            return new DocumentedApi(baseUrl, JSON.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode document() {
        return document;
    }

    /** Every documented operation as {@code METHOD path}, in the order {@link #walk} calls them. */
    public List<String> operations() {
        return orderedOperations().stream().map(o -> o.method().toUpperCase(Locale.ROOT) + " " + o.path()).toList();
    }

    /**
     * Calls every operation as the caller the {@code identityHeaders} make (name, value, ...), valid and invalid,
     * and returns each call with what was found wrong with its answer.
     */
    public List<Call> walk(String... identityHeaders) {
        return walk(operationId -> identityHeaders);
    }

    /**
     * Like {@link #walk(String...)}, with the caller chosen per operation (by its {@code operationId}): an operation
     * only one role may call, such as a sub-center's upload, is walked as that role.
     */
    public List<Call> walk(java.util.function.Function<String, String[]> callerOf) {
        List<Call> calls = new ArrayList<>();
        for (Op op : orderedOperations()) {
            String[] identityHeaders = callerOf.apply(op.node().path("operationId").asText(""));
            calls.add(call(op, "valid", identityHeaders, Map.of(), op.exampleBody(), "application/json", true));
            calls.add(call(op, "without identity", new String[0], Map.of(), op.exampleBody(), "application/json",
                    true));
            if (op.hasPathParameters()) {
                Map<String, String> unknown = new HashMap<>();
                op.pathParameters().forEach(p -> unknown.put(p, "no-such-" + p + "-" + shortId()));
                calls.add(call(op, "unknown " + String.join(", ", op.pathParameters()), identityHeaders, unknown,
                        op.exampleBody(), "application/json", true));
            }
            if (op.hasRequiredHeaders()) {
                calls.add(call(op, "without required headers", identityHeaders, Map.of(), op.exampleBody(),
                        "application/json", false));
            }
            if (op.hasBody()) {
                calls.add(call(op, "malformed JSON", identityHeaders, Map.of(), "{\"title\": ", "application/json",
                        true));
                calls.add(call(op, "empty object", identityHeaders, Map.of(), "{}", "application/json", true));
                calls.add(call(op, "JSON array", identityHeaders, Map.of(), "[]", "application/json", true));
                calls.add(call(op, "text instead of JSON", identityHeaders, Map.of(),
                        op.exampleBody() == null ? "text" : op.exampleBody(), "text/plain", true));
            }
        }
        return calls;
    }

    Call call(Op op, String variant, String[] identityHeaders, Map<String, String> pathValues, String body,
            String contentType, boolean withRequiredHeaders) {
        String path = op.path();
        for (String name : op.pathParameters()) {
            String value = pathValues.getOrDefault(name, learned.getOrDefault(name, op.example(name)));
            path = path.replace("{" + name + "}", URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        var request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30));
        if (identityHeaders.length > 0) {
            request.headers(identityHeaders);
        }
        request.header("X-Request-Id", "req-docs-" + shortId());
        if (withRequiredHeaders) {
            op.requiredHeaders().forEach(request::header);
        }
        boolean sendsBody = op.hasBody() && body != null;
        if (sendsBody) {
            request.header("Content-Type", contentType);
        }
        request.method(op.method().toUpperCase(Locale.ROOT), sendsBody
                ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = send(request);
        List<String> mismatches = check(op, response);
        if (mismatches.isEmpty() && response.statusCode() / 100 == 2) {
            learn(response.body());
        }
        return new Call(op.method().toUpperCase(Locale.ROOT) + " " + op.path(), variant,
                op.method().toUpperCase(Locale.ROOT) + " " + path, response.statusCode(), response.body(), mismatches);
    }

    /** What is wrong with {@code response} as an answer of {@code op}: empty when the document describes it. */
    List<String> check(Op op, HttpResponse<String> response) {
        List<String> mismatches = new ArrayList<>();
        JsonNode responses = op.node().path("responses");
        String status = String.valueOf(response.statusCode());
        JsonNode documented = responses.has(status) ? responses.get(status)
                : responses.path(status.charAt(0) + "XX");
        if (documented.isMissingNode()) {
            mismatches.add("status " + status + " is not documented; documented: " + fieldNames(responses));
            return mismatches;
        }
        JsonNode content = resolve(documented).path("content");
        if (content.isEmpty()) {
            if (!response.body().isEmpty()) {
                mismatches.add("a body is not documented for " + status);
            }
            return mismatches;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("")
                .split(";")[0].trim().toLowerCase(Locale.ROOT);
        JsonNode media = content.path(contentType);
        if (media.isMissingNode()) {
            mismatches.add("Content-Type '" + contentType + "' is not documented for " + status + "; documented: "
                    + fieldNames(content));
            return mismatches;
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            mismatches.add("the body is not JSON: " + e.getMessage());
            return mismatches;
        }
        if (body == null || body.isMissingNode()) {
            mismatches.add("no body, though " + status + " documents one");
            return mismatches;
        }
        mismatches.addAll(violations(media.path("schema"), body));
        return mismatches;
    }

    /** The violations of {@code value} against a schema of the document, whose references resolve in it. */
    public List<String> violations(JsonNode schema, JsonNode value) {
        ObjectNode root = schema.isObject() ? ((ObjectNode) schema).deepCopy() : JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.set("components", document.path("components"));
        return SCHEMAS.getSchema(root, CONFIG).validate(value).stream()
                .map(ValidationMessage::getMessage).sorted().toList();
    }

    /** Remembers the top-level text fields of an answer, so that a later path parameter of that name uses them. */
    private void learn(String body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                node.properties().forEach(field -> {
                    if (field.getValue().isTextual()) {
                        learned.put(field.getKey(), field.getValue().asText());
                    }
                });
            }
        } catch (IOException e) {
            // Not JSON: nothing to learn, and check() has said so.
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        while (current.has("$ref")) {
            current = document.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }

    List<Op> orderedOperations() {
        List<Op> ops = new ArrayList<>();
        document.path("paths").properties().forEach(path -> METHODS.forEach(method -> {
            JsonNode node = path.getValue().path(method);
            if (!node.isMissingNode()) {
                ops.add(new Op(path.getKey(), method, node, document));
            }
        }));
        ops.sort(Comparator.comparingInt((Op op) -> op.pathParameters().size())
                .thenComparingInt(op -> op.path().length())
                .thenComparingInt(op -> METHODS.indexOf(op.method())));
        return ops;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static String abbreviate(String body) {
        return body.length() > 400 ? body.substring(0, 400) + "..." : body;
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One documented operation and what its document says a valid request is. */
    record Op(String path, String method, JsonNode node, JsonNode document) {

        List<String> pathParameters() {
            return parameters("path").stream().map(p -> p.path("name").asText()).toList();
        }

        boolean hasPathParameters() {
            return !pathParameters().isEmpty();
        }

        /** Required header parameters with a valid value each; a fresh one where a fresh one fits the schema. */
        Map<String, String> requiredHeaders() {
            Map<String, String> headers = new LinkedHashMap<>();
            for (JsonNode parameter : parameters("header")) {
                if (parameter.path("required").asBoolean()) {
                    headers.put(parameter.path("name").asText(), freshOrExample(parameter));
                }
            }
            return headers;
        }

        boolean hasRequiredHeaders() {
            return !requiredHeaders().isEmpty();
        }

        boolean hasBody() {
            return node.has("requestBody");
        }

        /** The first example of the JSON request body, as text; null when the operation takes none. */
        String exampleBody() {
            JsonNode media = node.path("requestBody").path("content").path("application/json");
            if (media.isMissingNode()) {
                return null;
            }
            JsonNode example = media.has("example") ? media.get("example")
                    : media.path("examples").isEmpty() ? null : media.path("examples").elements().next().path("value");
            if (example == null || example.isMissingNode()) {
                return "{}";
            }
            try {
                return example.isTextual() ? example.asText() : JSON.writeValueAsString(example);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String example(String parameterName) {
            for (JsonNode parameter : parameters(null)) {
                if (parameterName.equals(parameter.path("name").asText())) {
                    JsonNode example = parameter.has("example") ? parameter.get("example")
                            : parameter.path("schema").path("example");
                    if (!example.isMissingNode()) {
                        return example.asText();
                    }
                }
            }
            return "example-" + parameterName;
        }

        private static String freshOrExample(JsonNode parameter) {
            String fresh = UUID.randomUUID().toString();
            String pattern = parameter.path("schema").path("pattern").asText(null);
            if (pattern == null || Pattern.compile(pattern).matcher(fresh).find()) {
                return fresh;
            }
            return parameter.path("example").asText("example");
        }

        private List<JsonNode> parameters(String in) {
            List<JsonNode> parameters = new ArrayList<>();
            for (JsonNode parameter : node.path("parameters")) {
                JsonNode resolved = parameter.has("$ref")
                        ? document.at(parameter.get("$ref").asText().substring(1)) : parameter;
                if (in == null || in.equals(resolved.path("in").asText())) {
                    parameters.add(resolved);
                }
            }
            return parameters;
        }
    }
}
