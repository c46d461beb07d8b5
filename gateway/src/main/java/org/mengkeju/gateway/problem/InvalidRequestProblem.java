package org.mengkeju.gateway.problem;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A 400 listing every broken field rule, in the shape the services answer ({@code errors}: field and message),
 * so a client fixes them all in one round.
 */
public class InvalidRequestProblem extends ApiProblem {

    /** One broken rule: the field as the client wrote it ({@code clientId}, {@code keys[0].expiresAt}). */
    public record FieldError(String field, String message) {
    }

    private final List<FieldError> errors;

    public InvalidRequestProblem(List<FieldError> errors) {
        super(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", errors.stream()
                .sorted(Comparator.comparing(FieldError::field))
                .map(error -> error.field() + " " + error.message())
                .collect(Collectors.joining("; ")));
        this.errors = errors.stream().sorted(Comparator.comparing(FieldError::field)).toList();
    }

    public static InvalidRequestProblem of(String field, String message) {
        return new InvalidRequestProblem(List.of(new FieldError(field, message)));
    }

    public List<Map<String, String>> errors() {
        return errors.stream().map(error -> Map.of("field", error.field(), "message", error.message())).toList();
    }
}
