package org.mengkeju.catalog.achievement;

import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/** A listing's version as an HTTP entity tag: {@code "3"}; {@code If-Match} may also send {@code W/"3"} or {@code 3}. */
final class VersionTag {

    private VersionTag() {
    }

    static String of(Long version) {
        return "\"" + (version == null ? 0 : version) + "\"";
    }

    /** The version an {@code If-Match} names; a missing one is a 428, one that is not a version a 400. */
    static long parse(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ApiProblem(HttpStatus.PRECONDITION_REQUIRED, "if-match-required", "If-Match required",
                    "send the version you read as If-Match (the ETag of GET), so a change made since is not "
                            + "overwritten");
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.invalid("invalid-if-match", "Invalid If-Match",
                "If-Match must be one listing version such as \"3\", was " + ifMatch);
    }
}
