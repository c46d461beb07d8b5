package org.mengkeju.gateway.clients;

import java.util.stream.Collectors;

import org.mengkeju.gateway.problem.InvalidRequestProblem;
import org.mengkeju.platform.web.StrictJson;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a request body the way the services do ({@link StrictJson}: no coercion, no duplicate or unknown keys),
 * and turns a parse failure into a 400 naming the field.
 */
final class StrictBodies {

    private final JsonMapper json = StrictJson.apply(JsonMapper.builder()).build();

    <T> T read(String body, Class<T> type, boolean emptyAllowed) {
        if (body == null || body.isBlank()) {
            if (emptyAllowed) {
                return json.readValue("{}", type);
            }
            throw InvalidRequestProblem.of("body", "is required: a JSON object");
        }
        try {
            return json.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw InvalidRequestProblem.of(field(e), "is not a field of this request");
        } catch (JacksonException e) {
            throw InvalidRequestProblem.of(field(e), "is invalid: " + e.getOriginalMessage());
        }
    }

    private static String field(JacksonException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? "body" : path.replace(".[", "[");
    }
}
