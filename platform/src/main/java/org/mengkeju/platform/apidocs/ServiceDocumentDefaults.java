package org.mengkeju.platform.apidocs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.mengkeju.platform.web.ApiProblem;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Completes a service's generated document: its title, version and description; the {@code X-Api-Key} security
 * scheme; JSON instead of {@code *}{@code /*}; and on every operation the RFC 9457 problems it can answer, with
 * the {@code Problem} schema and an example each.
 *
 * <p>Which problems an operation can answer follows from its shape, the same way the platform answers them: any
 * call can be malformed (400), unauthenticated (401), shed under load (429) or meet an unavailable store (503);
 * a path parameter names something that may not exist (404); a write may conflict with the current state, a
 * concurrent write or an earlier use of its Idempotency-Key (409) and may carry too large a body (413); a body
 * must be JSON (415). A 403 depends on the operation's rules, so the controller declares it, and this adds the
 * problem body to it.
 */
public class ServiceDocumentDefaults implements OpenApiCustomizer {

    public static final String PROBLEM = "Problem";
    public static final String FIELD_ERROR = "ProblemFieldError";
    public static final String PROBLEM_MEDIA_TYPE = "application/problem+json";
    static final String JSON = "application/json";

    private final ApiDocsProperties properties;
    private final String application;

    public ServiceDocumentDefaults(ApiDocsProperties properties, String application) {
        this.properties = properties;
        this.application = application;
    }

    @Override
    public void customise(OpenAPI document) {
        document.info(info());
        Components components = document.getComponents() == null ? new Components() : document.getComponents();
        document.components(components);
        components.addSecuritySchemes(ApiKeyScheme.NAME, apiKeyScheme());
        NotBlankText.restoreMinimumLength(components.getSchemas());
        if (components.getSchemas() != null) {
            components.getSchemas().values().forEach(ServiceDocumentDefaults::anchorPatterns);
            components.getSchemas().values().forEach(ServiceDocumentDefaults::optionalMeansNullable);
        }
        components.addSchemas(FIELD_ERROR, fieldErrorSchema());
        components.addSchemas(PROBLEM, problemSchema());
        document.security(List.of(new SecurityRequirement().addList(ApiKeyScheme.NAME)));
        if (document.getPaths() == null) {
            return;
        }
        document.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> complete(method, operation)));
    }

    private Info info() {
        String title = properties.title() != null && !properties.title().isBlank() ? properties.title()
                : "蒙科聚 " + application + " API";
        String description = properties.description() != null && !properties.description().isBlank()
                ? properties.description().strip()
                : "The API of " + application + ".";
        return new Info().title(title).version(properties.version()).description(description + "\n\n" + CALLING);
    }

    /** What every document says about calling the platform, so that a partner reads it wherever they start. */
    private static final String CALLING = """
            Every call goes through the 蒙科聚 API gateway with the API key issued to your system in the \
            `X-Api-Key` header; the gateway checks it and passes your verified identity to the service. \
            Send an `X-Request-Id` to correlate a call with our logs; every response carries one. \
            Errors are RFC 9457 problems (`application/problem+json`) with a stable `type`, a `detail` naming what \
            is wrong, the field `errors` where there are any, and the `requestId`.""";

    private static SecurityScheme apiKeyScheme() {
        return new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name(ApiKeyScheme.HEADER).description(ApiKeyScheme.DESCRIPTION);
    }

    private void complete(PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.responses(responses);
        responses.values().forEach(ServiceDocumentDefaults::jsonInsteadOfAnything);
        if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
            operation.getRequestBody().setContent(jsonInsteadOfAnything(operation.getRequestBody().getContent()));
        }
        parameters(operation).forEach(p -> anchorPatterns(p.getSchema()));
        boolean write = method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD;
        boolean hasBody = operation.getRequestBody() != null;
        boolean namesResource = parameters(operation).stream().anyMatch(p -> "path".equals(p.getIn()));
        boolean idempotencyKey = parameters(operation).stream()
                .anyMatch(p -> "header".equals(p.getIn()) && "Idempotency-Key".equalsIgnoreCase(p.getName()));

        List<Integer> statuses = new ArrayList<>(List.of(400, 401));
        if (namesResource) {
            statuses.add(404);
        }
        if (write || idempotencyKey) {
            statuses.add(409);
        }
        if (write) {
            statuses.add(413);
        }
        if (hasBody) {
            statuses.add(415);
        }
        statuses.addAll(List.of(429, 503));
        for (int status : statuses) {
            responses.computeIfAbsent(String.valueOf(status), s -> new ApiResponse().description(describe(status)));
        }
        // Problems declared by the controller (a 403 with its reason) get the same body, schema and example.
        responses.forEach((code, response) -> {
            if (code.startsWith("4") || code.startsWith("5")) {
                asProblem(Integer.parseInt(code), response);
            }
        });
        sortByStatus(operation);
    }

    /**
     * Bean Validation's {@code @Pattern} must match the whole value, a JSON Schema {@code pattern} only somewhere
     * in it: anchored, the documented pattern refuses what the service refuses.
     */
    @SuppressWarnings("rawtypes")
    private static void anchorPatterns(Schema schema) {
        if (schema == null) {
            return;
        }
        String pattern = schema.getPattern();
        if (pattern != null && !NotBlankText.NOT_BLANK.equals(pattern) && !pattern.startsWith("^")) {
            schema.setPattern("^(?:" + pattern + ")$");
        }
        if (schema.getProperties() != null) {
            ((Map<String, Schema>) schema.getProperties()).values().forEach(ServiceDocumentDefaults::anchorPatterns);
        }
        anchorPatterns(schema.getItems());
    }

    /**
     * The services write an absent value as {@code null} and read {@code null} as absent, so a property that is not
     * required may be null: OpenAPI 3.1 says so with the type {@code null} beside the property's own.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void optionalMeansNullable(Schema schema) {
        if (schema.getProperties() == null) {
            return;
        }
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        Map<String, Schema> properties = schema.getProperties();
        properties.replaceAll((name, property) -> required.contains(name) ? property : nullable(property));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static Schema nullable(Schema property) {
        if (property.get$ref() != null) {
            return new JsonSchema().anyOf(List.of(property, type("null")));
        }
        if (property.getTypes() == null || property.getTypes().isEmpty()) {
            if (property.getType() == null) {
                return property;
            }
            property.addType(property.getType());
        }
        property.addType("null");
        if (property.getEnum() != null && !property.getEnum().contains(null)) {
            property.getEnum().add(null);
        }
        return property;
    }

    private static List<Parameter> parameters(Operation operation) {
        return operation.getParameters() == null ? List.of() : operation.getParameters();
    }

    /** Spring answers JSON whatever the Accept header allows; {@code *}{@code /*} tells a client nothing. */
    private static Content jsonInsteadOfAnything(Content content) {
        if (content != null && content.containsKey("*/*")) {
            MediaType any = content.remove("*/*");
            content.putIfAbsent(JSON, any);
        }
        return content;
    }

    private static void jsonInsteadOfAnything(ApiResponse response) {
        jsonInsteadOfAnything(response.getContent());
    }

    private static void asProblem(int status, ApiResponse response) {
        if (response.getDescription() == null || response.getDescription().isBlank()) {
            response.setDescription(describe(status));
        }
        Content content = new Content().addMediaType(PROBLEM_MEDIA_TYPE, new MediaType()
                .schema(new JsonSchema().$ref("#/components/schemas/" + PROBLEM))
                .addExamples(slug(status), new Example().summary(title(status)).value(example(status))));
        response.setContent(content);
        if (status == 429 || status == 503) {
            response.addHeaderObject("Retry-After", new Header()
                    .description("Seconds to wait before sending the same request again.")
                    .schema(type("integer").minimum(java.math.BigDecimal.ONE)));
        }
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header()
                    .description("How to authenticate: the API key in the X-Api-Key header.")
                    .schema(type("string")));
        }
    }

    private static void sortByStatus(Operation operation) {
        Map<String, ApiResponse> sorted = new java.util.TreeMap<>(operation.getResponses());
        ApiResponses responses = new ApiResponses();
        sorted.forEach(responses::addApiResponse);
        if (operation.getResponses().getExtensions() != null) {
            responses.setExtensions(operation.getResponses().getExtensions());
        }
        operation.responses(responses);
    }

    static String describe(int status) {
        return switch (status) {
            case 400 -> "The request is malformed or breaks a rule: `detail` says what is wrong and `errors` lists "
                    + "each field. Nothing was changed.";
            case 401 -> "No API key, an unknown one, or no identity verified by the gateway.";
            case 403 -> "The caller's role or institution does not allow this.";
            case 404 -> "Nothing of that id exists, or the caller may not see it.";
            case 409 -> "The current state does not allow this, another request changed the resource at the same "
                    + "time, or the Idempotency-Key was used before with a different request. Nothing was changed.";
            case 413 -> "The request body is larger than the platform accepts.";
            case 415 -> "The request body is not `application/json`.";
            case 429 -> "Too many requests from this client right now; send it again after `Retry-After` seconds.";
            case 503 -> "The service or its database cannot answer right now; nothing was changed. Send the same "
                    + "request again after `Retry-After` seconds.";
            default -> "The request was refused; `detail` says why.";
        };
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "invalid-request";
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 409 -> "conflict";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "service-unavailable";
            default -> "http-" + status;
        };
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 401 -> "Unauthenticated";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            case 429 -> "Too many requests";
            case 503 -> "Service unavailable";
            default -> "Error";
        };
    }

    private static Map<String, Object> example(int status) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", ApiProblem.TYPE_BASE + slug(status));
        example.put("title", title(status));
        example.put("status", status);
        example.put("detail", switch (status) {
            case 400 -> "title must not be blank; transferModes must not be empty";
            case 401 -> "the request has no X-Api-Key header; send the API key issued to your system in the "
                    + "X-Api-Key header";
            case 403 -> "client imut-tto may read only the account of its own institution, not imu";
            case 404 -> "achievement ach-9f1c2d3e does not exist";
            case 409 -> "Idempotency-Key imut-2026-0001 was used before with a different request";
            case 413 -> "the request body is larger than 1 MB";
            case 415 -> "Content-Type 'text/plain' is not supported; send application/json";
            case 429 -> "too many requests from client imut-tto; retry after 1 second";
            case 503 -> "the service cannot reach its database right now; nothing was changed, retry in a few "
                    + "seconds";
            default -> "the request was refused";
        });
        example.put("instance", "/api/v1/catalog/achievements");
        example.put("requestId", "req-imut-20261122-0001");
        if (status == 400) {
            example.put("errors", List.of(
                    Map.of("field", "title", "message", "must not be blank"),
                    Map.of("field", "transferModes", "message", "must not be empty")));
        }
        return example;
    }

    /** An RFC 9457 problem as every layer of the platform writes it, the gateway included. */
    static Schema<?> problemSchema() {
        return type("object")
                .description("An RFC 9457 problem. Branch on `type`; show `detail` to a person; quote `requestId` "
                        + "to the platform operators.")
                .addProperty("type", type("string").format("uri")
                        .description("Stable identifier of the kind of problem, e.g. "
                                + ApiProblem.TYPE_BASE + "not-found"))
                .addProperty("title", type("string").description("Short summary of the kind of problem."))
                .addProperty("status", type("integer").minimum(java.math.BigDecimal.valueOf(400))
                        .maximum(java.math.BigDecimal.valueOf(599)).description("The HTTP status code."))
                .addProperty("detail", type("string").description("What is wrong with this request."))
                .addProperty("instance", type("string").format("uri-reference")
                        .description("The path of the request."))
                .addProperty("requestId", type("string")
                        .description("The X-Request-Id of the request, as in every log line about it."))
                .addProperty("errors", type("array").items(new JsonSchema().$ref("#/components/schemas/" + FIELD_ERROR))
                        .description("Each broken field rule, for a 400 on fields."))
                .required(List.of("type", "title", "status"));
    }

    static Schema<?> fieldErrorSchema() {
        return type("object")
                .addProperty("field", type("string").description("The field or parameter, e.g. title."))
                .addProperty("message", type("string").description("The rule it breaks, e.g. must not be blank."))
                .required(List.of("field", "message"));
    }

    @SuppressWarnings("unchecked")
    private static Schema<Object> type(String type) {
        Schema<Object> schema = new JsonSchema();
        schema.addType(type);
        return schema;
    }
}
