package org.mengkeju.launcher.demo;

/** The demo scenario could not be loaded: the message names the call and what the platform answered. */
public final class DemoLoadException extends RuntimeException {

    DemoLoadException(String message) {
        super(message);
    }
}
