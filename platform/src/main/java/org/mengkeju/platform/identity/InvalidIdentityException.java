package org.mengkeju.platform.identity;

/** The request carries no identity the service can trust. */
public class InvalidIdentityException extends RuntimeException {

    public InvalidIdentityException(String message) {
        super(message);
    }
}
