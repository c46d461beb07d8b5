package org.mengkeju.platform.messaging;

/** An event that can never be processed as it is: it goes to the dead-letter topic without retries. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
