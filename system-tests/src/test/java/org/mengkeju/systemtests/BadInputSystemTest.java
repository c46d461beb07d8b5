package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.launcher.LocalPlatform;

/**
 * Bad input through the gateway, driven by the API documents: every operation of every service's OpenAPI document
 * is called as documented, with and without an Idempotency-Key, and then with malformed values in each parameter
 * and body field. Whatever is sent, the answer is never a 5xx, and every 4xx is an RFC 9457 problem carrying the
 * request id. New operations and fields are covered as soon as a service documents them.
 *
 * <p>Requests go over a raw socket: a client library would refuse to send most of these.
 */
@ExtendWith(SharedPlatform.class)
class BadInputSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Path and query values, written into the request target as they are (already percent-encoded or not). */
    static final List<String> MALFORMED_PARAMETERS = List.of(
            "%ZZ", "%", "%E4%B8", "%00", "%0d%0aX-Injected:%201", "..%2F..%2Factuator", "%C0%AF",
            "x".repeat(5_000), "99999999999999999999999999999999", "-1", "1e400", "null", "%7B%7D", "%F0%9F%98%80");

    /** Header values, sent as raw bytes (UTF-8 where not ASCII). */
    static final List<String> MALFORMED_HEADERS = List.of(
            "x".repeat(101), "with space", "with/slash", "成果-0001", "", "x".repeat(10_000), "\u0001ctl", "\u00ff");

    /** Values put in place of each body field, one field at a time (raw JSON text). */
    static final List<String> MALFORMED_VALUES = List.of(
            "12345", "true", "1.5", "\"100\"", "null", "[null]", "{}", "[]", "\"\"", "\" \"",
            "\"" + "x".repeat(100_000) + "\"", "\"a\\u0000b\"", "\"\\u001b[31m\"", "\"\\ud800\"",
            "1e400", "-1e400", "99999999999999999999999999999999999999", "-0.000000000000000000001",
            "\"MODERN_AGRICULTURE\"", "0", "\"1970-01-01T00:00:00Z\"", "[" + "[".repeat(2_000) + "]".repeat(2_000) + "]");

    /** Whole bodies that are not the documented shape at all. */
    static final List<String> MALFORMED_BODIES = List.of(
            "", "null", "[]", "\"text\"", "{", "{}}", "{\"a\":1} trailing", "{\"a\":1,\"a\":2}",
            "[".repeat(100_000), "\u0000", "{\"\\ud800\":1}", "\ufeff{}");

    /** Concurrent callers: few enough to stay under every role's rate limit (a 429 fails the walk). */
    static final int CALLERS = 4;

    static LocalPlatform platform;
    static List<String> keys;

    @BeforeAll
    static void theWholeSystem(LocalPlatform shared) {
        platform = shared;
        keys = List.of(platform.apiKey("dev-partner"), platform.apiKey("dev-operator"));
    }

    @Test
    void noBadInputToAnyDocumentedOperationIsA5xxAndEveryRefusalIsAProblemWithTheRequestId() throws Exception {
        List<Operation> operations = documentedOperations();
        assertThat(operations).as("operations documented through the gateway").isNotEmpty();

        List<Call> calls = new ArrayList<>();
        for (Operation operation : operations) {
            calls.addAll(calls(operation));
        }
        // A few callers at once, as partners' systems are: each call is independent (its own connection, its own
        // idempotency key, no resource another call needs), and sequentially the walk idles on every hop's latency.
        List<String> failures = new CopyOnWriteArrayList<>();
        try (ExecutorService callers = Executors.newFixedThreadPool(CALLERS)) {
            for (Call call : calls) {
                callers.submit(() -> {
                    String wrong = judge(send(call));
                    if (wrong != null) {
                        failures.add(call.describe() + " -> " + wrong);
                    }
                });
            }
        }
        int sent = calls.size();
        System.out.printf("bad-input walk: %d operations, %d requests, %d failures%n", operations.size(), sent,
                failures.size());
        assertThat(failures).as("requests answered wrongly (of " + sent + ")").isEmpty();
    }

    /** Unknown paths under each documented service prefix are plain 404 problems too. */
    @Test
    void unknownPathsUnderEveryServiceAreA404Problem() throws Exception {
        List<String> failures = new ArrayList<>();
        for (String prefix : servicePrefixes()) {
            for (String key : keys) {
                Answer answer = send(new Call("GET", prefix + "/no-such-resource", Map.of("X-Api-Key", key), null));
                if (answer.status != 404 || judge(answer) != null) {
                    failures.add(prefix + " -> " + answer.status + " " + answer.bodyText());
                } else if (answer.bodyText().toLowerCase(Locale.ROOT).contains("static")) {
                    failures.add(prefix + " -> leaks the framework: " + answer.bodyText());
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    // ---- what is sent

    record Operation(String method, String path, JsonNode operation, JsonNode document) {
    }

    record Call(String method, String target, Map<String, String> headers, byte[] body) {

        String describe() {
            String shown = target.length() > 120 ? target.substring(0, 120) + "…" : target;
            String headerText = headers.entrySet().stream().filter(h -> !h.getKey().equals("X-Api-Key"))
                    .map(h -> h.getKey() + "=" + abbreviate(h.getValue())).toList().toString();
            return method + " " + shown + " " + headerText
                    + (body == null ? "" : " body=" + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
    }

    private static List<Call> calls(Operation operation) {
        List<Call> calls = new ArrayList<>();
        JsonNode parameters = operation.operation.path("parameters");
        JsonNode bodySchema = operation.operation.path("requestBody").path("content").path("application/json")
                .path("schema");
        ObjectNode validBody = bodySchema.isMissingNode() ? null : (ObjectNode) sampleObjectOrNull(
                resolve(bodySchema, operation.document), operation.document);

        for (String apiKey : keys) {
            Map<String, String> valid = new LinkedHashMap<>();
            valid.put("X-Api-Key", apiKey);
            // As documented, with a fresh key; the same without any key.
            calls.add(call(operation, parameters, Map.of(), Map.of(), headers(valid, "Idempotency-Key", key()),
                    validBody == null ? null : validBody.toString()));
            calls.add(call(operation, parameters, Map.of(), Map.of(), valid,
                    validBody == null ? null : validBody.toString()));

            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                switch (parameter.path("in").asText()) {
                    case "path" -> MALFORMED_PARAMETERS.forEach(value -> calls.add(call(operation, parameters,
                            Map.of(name, value), Map.of(), headers(valid, "Idempotency-Key", key()),
                            validBody == null ? null : validBody.toString())));
                    case "query" -> MALFORMED_PARAMETERS.forEach(value -> calls.add(call(operation, parameters,
                            Map.of(), Map.of(name, value), headers(valid, "Idempotency-Key", key()),
                            validBody == null ? null : validBody.toString())));
                    default -> { }
                }
            }
            for (String value : MALFORMED_HEADERS) {
                calls.add(call(operation, parameters, Map.of(), Map.of(), headers(valid, "Idempotency-Key", value),
                        validBody == null ? null : validBody.toString()));
            }
            // Every header the document names, malformed (the Idempotency-Key is covered above for all operations).
            for (JsonNode parameter : parameters) {
                String name = parameter.path("name").asText();
                if (parameter.path("in").asText().equals("header") && !name.equalsIgnoreCase("Idempotency-Key")) {
                    for (String value : MALFORMED_HEADERS) {
                        calls.add(call(operation, parameters, Map.of(), Map.of(),
                                headers(headers(valid, "Idempotency-Key", key()), name, value),
                                validBody == null ? null : validBody.toString()));
                    }
                }
            }
            if (validBody != null || !bodySchema.isMissingNode()) {
                for (String body : MALFORMED_BODIES) {
                    calls.add(call(operation, parameters, Map.of(), Map.of(),
                            headers(valid, "Idempotency-Key", key()), body));
                }
            }
            if (validBody != null) {
                for (String field : fieldPaths(validBody, "")) {
                    for (String value : MALFORMED_VALUES) {
                        calls.add(call(operation, parameters, Map.of(), Map.of(),
                                headers(valid, "Idempotency-Key", key()), replaced(validBody, field, value)));
                    }
                    // The field twice: duplicate keys must not pass with the last one winning.
                    calls.add(call(operation, parameters, Map.of(), Map.of(),
                            headers(valid, "Idempotency-Key", key()), duplicated(validBody, field)));
                }
            }
        }
        return calls;
    }

    private static Call call(Operation operation, JsonNode parameters, Map<String, String> pathValues,
            Map<String, String> queryValues, Map<String, String> headers, String body) {
        String target = operation.path;
        StringBuilder query = new StringBuilder();
        for (JsonNode parameter : parameters) {
            String name = parameter.path("name").asText();
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                target = target.replace("{" + name + "}", pathValues.getOrDefault(name, "probe-1"));
            } else if (in.equals("query") && (queryValues.containsKey(name) || parameter.path("required").asBoolean())) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=')
                        .append(queryValues.getOrDefault(name, sampleScalar(parameter.path("schema"))));
            }
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        byte[] bytes = null;
        if (body != null && !operation.method.equals("GET")) {
            all.put("Content-Type", "application/json");
            bytes = body.getBytes(StandardCharsets.UTF_8);
        }
        return new Call(operation.method, target + query, all, bytes);
    }

    private static Map<String, String> headers(Map<String, String> base, String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>(base);
        headers.put(name, value);
        return headers;
    }

    // ---- a valid body from the schema, and the malformed ones derived from it

    private static JsonNode resolve(JsonNode schema, JsonNode document) {
        JsonNode current = schema;
        for (int depth = 0; depth < 20 && current.has("$ref"); depth++) {
            String ref = current.path("$ref").asText();
            current = document.at(ref.substring(1));
        }
        if (current.has("allOf") && current.path("allOf").size() == 1) {
            return resolve(current.path("allOf").get(0), document);
        }
        return current;
    }

    private static JsonNode sampleObjectOrNull(JsonNode schema, JsonNode document) {
        JsonNode sample = sample(schema, document, 0);
        return sample instanceof ObjectNode ? sample : null;
    }

    private static JsonNode sample(JsonNode schema, JsonNode document, int depth) {
        schema = resolve(schema, document);
        if (schema.has("example") && !schema.path("example").isNull() && !schema.path("example").isTextual()) {
            return schema.path("example");
        }
        if (schema.has("enum")) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").isArray() ? schema.path("type").get(0).asText() : schema.path("type").asText();
        if (type.isEmpty() && schema.has("properties")) {
            type = "object";
        }
        return switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth < 5) {
                    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                    while (properties.hasNext()) {
                        var property = properties.next();
                        JsonNode resolved = resolve(property.getValue(), document);
                        if (!resolved.path("readOnly").asBoolean()) {
                            object.set(property.getKey(), sample(resolved, document, depth + 1));
                        }
                    }
                }
                yield object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                array.add(sample(schema.path("items"), document, depth + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(Math.max(1, schema.path("minimum").asLong(1)));
            case "number" -> NODES.numberNode(new java.math.BigDecimal("5.00"));
            case "boolean" -> NODES.booleanNode(true);
            default -> {
                if ("date-time".equals(schema.path("format").asText())) {
                    yield NODES.textNode("2026-11-22T02:00:00Z");
                }
                if (schema.path("example").isTextual()) {
                    yield schema.path("example");
                }
                yield NODES.textNode("probe " + UUID.randomUUID().toString().substring(0, 8));
            }
        };
    }

    private static String sampleScalar(JsonNode schema) {
        JsonNode sample = sample(schema, NODES.objectNode(), 0);
        return sample.isTextual() ? sample.asText().replace(' ', '-') : sample.toString();
    }

    /** JSON pointers of every field of the sample, nested ones included. */
    private static List<String> fieldPaths(JsonNode node, String prefix) {
        List<String> paths = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                paths.add(prefix + "/" + name);
                paths.addAll(fieldPaths(node.get(name), prefix + "/" + name));
            });
        } else if (node.isArray() && !node.isEmpty()) {
            paths.add(prefix + "/0");
            paths.addAll(fieldPaths(node.get(0), prefix + "/0"));
        }
        return paths;
    }

    private static final String MARKER = "\"__bad_input_marker__\"";

    private static String replaced(ObjectNode body, String pointer, String rawValue) {
        ObjectNode copy = body.deepCopy();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, slash));
        String last = pointer.substring(slash + 1);
        if (parent instanceof ObjectNode object) {
            object.put(last, "__bad_input_marker__");
        } else if (parent instanceof ArrayNode array) {
            array.set(Integer.parseInt(last), NODES.textNode("__bad_input_marker__"));
        }
        return copy.toString().replace(MARKER, rawValue);
    }

    private static String duplicated(ObjectNode body, String pointer) {
        int slash = pointer.lastIndexOf('/');
        String last = pointer.substring(slash + 1);
        JsonNode parent = body.at(pointer.substring(0, slash));
        if (!(parent instanceof ObjectNode)) {
            return body.toString();
        }
        ObjectNode copy = body.deepCopy();
        ObjectNode target = (ObjectNode) copy.at(pointer.substring(0, slash));
        String value = target.get(last).toString();
        target.put(last, "__bad_input_marker__");
        return copy.toString().replace("\"" + last + "\":" + MARKER,
                "\"" + last + "\":" + value + ",\"" + last + "\":" + value);
    }

    // ---- what is expected back

    /** Why the answer is wrong, or null when it is acceptable. */
    private static String judge(Answer answer) {
        if (answer.failure != null) {
            return "no answer: " + answer.failure;
        }
        if (answer.status >= 500) {
            return answer.status + " " + abbreviate(answer.bodyText());
        }
        if (answer.status < 400) {
            return null;
        }
        if (answer.status == 429) {
            return "429: the walk went over the client's rate limit, so this input was never judged";
        }
        String contentType = answer.header("content-type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return answer.status + " without a problem body (Content-Type " + contentType + "): "
                    + abbreviate(answer.bodyText());
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(answer.body);
        } catch (IOException e) {
            return answer.status + " with an unreadable problem: " + abbreviate(answer.bodyText());
        }
        if (problem.path("status").asInt() != answer.status || problem.path("type").asText().isEmpty()) {
            return answer.status + " with an inconsistent problem: " + abbreviate(answer.bodyText());
        }
        String requestId = problem.path("requestId").asText("");
        if (requestId.isBlank()) {
            return answer.status + " problem without a request id: " + abbreviate(answer.bodyText());
        }
        String header = answer.header("x-request-id");
        if (header != null && !header.equals(requestId)) {
            return answer.status + " problem's request id " + requestId + " differs from X-Request-Id " + header;
        }
        return null;
    }

    // ---- the documents

    private static List<Operation> documentedOperations() throws Exception {
        List<Operation> operations = new ArrayList<>();
        for (JsonNode document : serviceDocuments()) {
            Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
            while (paths.hasNext()) {
                var path = paths.next();
                if (!path.getKey().startsWith("/api/")) {
                    continue;
                }
                Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
                while (methods.hasNext()) {
                    var method = methods.next();
                    String verb = method.getKey().toUpperCase(Locale.ROOT);
                    if (List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(verb)) {
                        ObjectNode operation = method.getValue().deepCopy();
                        // Parameters declared for the whole path apply to each of its operations.
                        if (path.getValue().has("parameters")) {
                            ArrayNode merged = NODES.arrayNode();
                            merged.addAll((ArrayNode) path.getValue().path("parameters"));
                            operation.path("parameters").forEach(merged::add);
                            operation.set("parameters", merged);
                        }
                        ArrayNode resolvedParameters = NODES.arrayNode();
                        operation.path("parameters").forEach(p -> resolvedParameters.add(resolve(p, document)));
                        operation.set("parameters", resolvedParameters);
                        operations.add(new Operation(verb, path.getKey(), operation, document));
                    }
                }
            }
        }
        return operations;
    }

    private static List<JsonNode> serviceDocuments() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        JsonNode index = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + "/api-docs"))
                .build(), HttpResponse.BodyHandlers.ofString()).body());
        List<JsonNode> documents = new ArrayList<>();
        for (JsonNode service : index.path("services")) {
            URI url = URI.create(service.path("url").asText());
            URI viaGateway = URI.create(platform.gatewayUrl() + url.getRawPath());
            var response = http.send(HttpRequest.newBuilder(viaGateway).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("document of " + service + ": " + response.body()).isEqualTo(200);
            documents.add(JSON.readTree(response.body()));
        }
        assertThat(documents).as("service documents listed by /api-docs").isNotEmpty();
        return documents;
    }

    /** {@code /api/v1/catalog} and the like: the first three segments of each documented path. */
    private static List<String> servicePrefixes() throws Exception {
        return documentedOperations().stream().map(o -> o.path.split("/"))
                .filter(segments -> segments.length > 3)
                .map(segments -> "/" + segments[1] + "/" + segments[2] + "/" + segments[3])
                .distinct().toList();
    }

    // ---- raw HTTP/1.1

    static final class Answer {
        int status;
        final Map<String, String> headers = new LinkedHashMap<>();
        byte[] body = new byte[0];
        String failure;

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static Answer send(Call call) {
        URI gateway = URI.create(platform.gatewayUrl());
        Answer answer = new Answer();
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            request.writeBytes((call.method + " " + call.target + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            request.writeBytes(("Host: " + gateway.getHost() + ":" + gateway.getPort() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (var header : call.headers.entrySet()) {
                request.writeBytes((header.getKey() + ": " + header.getValue() + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            byte[] body = call.body == null ? new byte[0] : call.body;
            if (call.body != null || !call.method.equals("GET")) {
                request.writeBytes(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            request.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(body);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            read(socket.getInputStream(), answer);
        } catch (IOException e) {
            answer.failure = e.toString();
        }
        return answer;
    }

    private static void read(InputStream in, Answer answer) throws IOException {
        byte[] all = in.readAllBytes();
        int end = indexOf(all, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (end < 0) {
            throw new IOException("incomplete response: " + abbreviate(new String(all, StandardCharsets.UTF_8)));
        }
        String[] lines = new String(all, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
        answer.status = Integer.parseInt(lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                answer.headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        byte[] rest = java.util.Arrays.copyOfRange(all, end + 4, all.length);
        answer.body = "chunked".equalsIgnoreCase(answer.header("transfer-encoding")) ? dechunk(rest) : rest;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        while (position < chunked.length) {
            int lineEnd = indexOf(chunked, "\r\n".getBytes(StandardCharsets.US_ASCII), position);
            if (lineEnd < 0) {
                break;
            }
            String sizeText = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII).split(";")[0];
            int size = Integer.parseInt(sizeText.trim(), 16);
            if (size == 0) {
                break;
            }
            out.write(chunked, lineEnd + 2, Math.min(size, chunked.length - lineEnd - 2));
            position = lineEnd + 2 + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String abbreviate(String text) {
        String flat = text.replace("\r", "\\r").replace("\n", "\\n");
        return flat.length() > 160 ? flat.substring(0, 160) + "…(" + flat.length() + ")" : flat;
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
