package org.mengkeju.launcher;

/** The local platform could not start; the message says what failed and what to do, ready to print. */
public class PlatformStartException extends RuntimeException {

    public PlatformStartException(String message) {
        super(message);
    }

    public PlatformStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
