package org.mengkeju.platform.identity;

import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * The request carries no identity the service can trust: a 401 problem wherever it is thrown, so that a
 * controller asking for the caller can never turn a missing identity into a 500.
 */
public class InvalidIdentityException extends ApiProblem {

    private final String reason;

    public InvalidIdentityException(String reason) {
        super(HttpStatus.UNAUTHORIZED, "unauthenticated", "Unauthenticated",
                reason + "; call the API through the gateway with an API key");
        this.reason = reason;
    }

    /** Why the identity was refused, without the advice to the caller. */
    public String reason() {
        return reason;
    }
}
