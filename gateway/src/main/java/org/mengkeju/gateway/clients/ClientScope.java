package org.mengkeju.gateway.clients;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.gateway.problem.InvalidRequestProblem.FieldError;

/**
 * What a client acts for, by its role: a partner and a finance institution act for their institution, a
 * league-city sub-center (盟市分中心) for its region, a broker and an operator optionally for either, an administrator
 * for neither. Ids are plain tokens, because they travel in headers and log lines: no spaces, no line breaks.
 */
final class ClientScope {

    /** Lower-case letters, digits and inner hyphens, 2–64 characters: {@code imut-tto}, {@code ordos-sub-center}. */
    static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}[a-z0-9]");
    static final Pattern INSTITUTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** A six-digit administrative division code: {@code 150600} is Ordos. */
    static final Pattern REGION_CODE = Pattern.compile("\\d{6}");

    private ClientScope() {
    }

    static List<FieldError> check(String clientId, ClientRole role, String institutionId, String regionCode) {
        List<FieldError> errors = new ArrayList<>();
        checkClientId("clientId", clientId).ifPresent(errors::add);
        if (institutionId != null && !INSTITUTION_ID.matcher(institutionId).matches()) {
            errors.add(new FieldError("institutionId", "must be 1-64 letters, digits, '.', '_' or '-'"));
        }
        if (regionCode != null && !REGION_CODE.matcher(regionCode).matches()) {
            errors.add(new FieldError("regionCode", "must be a six-digit administrative division code such as 150600"));
        }
        if (role == null) {
            errors.add(new FieldError("role", "is required: one of PARTNER, SUB_CENTER, FINANCE_INSTITUTION, BROKER, "
                    + "OPERATOR, ADMIN"));
            return errors;
        }
        switch (role) {
            case PARTNER, FINANCE_INSTITUTION -> {
                if (institutionId == null) {
                    errors.add(new FieldError("institutionId", "is required for a " + role
                            + ": it acts for its institution"));
                }
            }
            case SUB_CENTER -> {
                if (regionCode == null) {
                    errors.add(new FieldError("regionCode", "is required for a SUB_CENTER: it acts for its region"));
                }
            }
            case ADMIN -> {
                if (institutionId != null) {
                    errors.add(new FieldError("institutionId", "must be absent for an ADMIN: it acts for no institution"));
                }
                if (regionCode != null) {
                    errors.add(new FieldError("regionCode", "must be absent for an ADMIN: it acts for no region"));
                }
            }
            case BROKER, OPERATOR -> {
                // Either scope is optional: a registration desk is an operator of one institution and region.
            }
        }
        return errors;
    }

    /** The rule for a client id in a body or a path, so a line break in either never reaches a header or a log. */
    static Optional<FieldError> checkClientId(String field, String clientId) {
        if (clientId == null || clientId.isEmpty()) {
            return Optional.of(new FieldError(field, "is required"));
        }
        if (!CLIENT_ID.matcher(clientId).matches()) {
            return Optional.of(new FieldError(field, "must be 2-64 lower-case letters, digits and inner '-' "
                    + "(no spaces, control characters or line breaks)"));
        }
        return Optional.empty();
    }
}
