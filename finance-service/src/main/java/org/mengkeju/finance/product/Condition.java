package org.mengkeju.finance.product;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * One test of one fact of a profile, as data: {@code {"field": "REGISTERED_CONTRACTS_12M", "atLeast": 2}},
 * {@code {"field": "HIGH_TECH_ENTERPRISE", "is": true}}, {@code {"field": "REGION", "in": ["150200"]}}. Exactly
 * the operand the field's kind takes is given.
 *
 * @param field   a {@link ProfileField} by name
 * @param atLeast for a number (count, amount, points): the least value that passes
 * @param is      for a flag: the value that passes
 * @param in      for a code: the values that pass
 */
public record Condition(String field, BigDecimal atLeast, Boolean is, List<String> in) {

    /** The most codes one condition lists (every league-city of the region is 12). */
    static final int MAX_CODES = 50;

    /** Checks the condition is one the platform can test; {@code path} is where it sits in the request. */
    void validate(String path) {
        if (field == null || field.isBlank()) {
            throw new InvalidProduct(path + ".field", "names no field; known fields: " + ProfileField.known());
        }
        ProfileField known = ProfileField.named(field).orElseThrow(() -> new InvalidProduct(path + ".field",
                "unknown field '" + field + "'; known fields: " + ProfileField.known()));
        int operands = (atLeast != null ? 1 : 0) + (is != null ? 1 : 0) + (in != null ? 1 : 0);
        if (operands != 1) {
            throw new InvalidProduct(path, "give exactly one of atLeast, is, in");
        }
        switch (known.kind()) {
            case COUNT, AMOUNT -> {
                if (atLeast == null) {
                    throw new InvalidProduct(path + ".atLeast", field + " is a number and is tested with atLeast");
                }
                if (atLeast.signum() < 0) {
                    throw new InvalidProduct(path + ".atLeast", "must not be negative");
                }
                if (known.kind() == ProfileField.Kind.COUNT && atLeast.stripTrailingZeros().scale() > 0) {
                    throw new InvalidProduct(path + ".atLeast", field + " is a whole count");
                }
                if (known.kind() == ProfileField.Kind.AMOUNT && atLeast.stripTrailingZeros().scale() > 2) {
                    throw new InvalidProduct(path + ".atLeast", "yuan have at most two decimals (fen)");
                }
            }
            case FLAG -> {
                if (is == null) {
                    throw new InvalidProduct(path + ".is", field + " is a flag and is tested with is");
                }
            }
            case CODE -> {
                if (in == null) {
                    throw new InvalidProduct(path + ".in", field + " is a code and is tested with in");
                }
                if (in.isEmpty() || in.size() > MAX_CODES) {
                    throw new InvalidProduct(path + ".in", "lists 1 to " + MAX_CODES + " values");
                }
                for (int i = 0; i < in.size(); i++) {
                    String code = in.get(i);
                    if (code == null || !code.matches("[A-Z0-9_]{1,40}")) {
                        throw new InvalidProduct(path + ".in[" + i + "]", "must be a code such as 150200 or "
                                + "ENTERPRISE");
                    }
                }
            }
        }
    }

    ProfileField profileField() {
        return ProfileField.valueOf(field);
    }

    /** The reason the facts pass this condition, or empty when they do not. */
    Optional<Reason> test(EnterpriseFacts facts) {
        ProfileField known = profileField();
        Object actual = facts.value(known);
        boolean passes = switch (known.kind()) {
            case COUNT, AMOUNT -> actual != null && ((BigDecimal) actual).compareTo(atLeast) >= 0;
            case FLAG -> is.equals(actual);
            case CODE -> actual != null && in.contains((String) actual);
        };
        return passes ? Optional.of(Reason.of(known, actual, required())) : Optional.empty();
    }

    private String required() {
        if (atLeast != null) {
            return "≥ " + atLeast.toPlainString();
        }
        if (is != null) {
            return "= " + is;
        }
        return "∈ " + String.join("/", in);
    }
}
