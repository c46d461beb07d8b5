package org.mengkeju.launcher;

/** A port the platform needs is taken; the message is one line meant for a person, not a stack trace. */
public class PortInUseException extends PlatformStartException {

    private final int port;
    private final Component component;

    public PortInUseException(int port, Component component) {
        super("port " + port + " (" + component.id() + ") is already in use; stop what uses it or pass "
                + component.portFlag());
        this.port = port;
        this.component = component;
    }

    public int port() {
        return port;
    }

    public Component component() {
        return component;
    }
}
