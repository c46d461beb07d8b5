package org.mengkeju.launcher;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Port checks and ephemeral port picking, done before anything starts. */
public final class Ports {

    private Ports() {
    }

    /**
     * Fails with a {@link PortInUseException} naming the first port (in the map's order) that cannot be bound on
     * all interfaces, which is where the services listen.
     */
    public static void requireFree(Map<Component, Integer> ports) {
        for (Map.Entry<Component, Integer> entry : ports.entrySet()) {
            if (!isFree(entry.getValue())) {
                throw new PortInUseException(entry.getValue(), entry.getKey());
            }
        }
    }

    /** True when nothing listens on the port (binds it on the wildcard address and releases it at once). */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as the servers do: a port left in TIME_WAIT is usable
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Picks {@code count} distinct free ports chosen by the operating system. */
    public static List<Integer> pickFree(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            List<Integer> ports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports.add(socket.getLocalPort());
            }
            return ports;
        } catch (IOException e) {
            throw new PlatformStartException("cannot pick free ports: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // nothing to do
                }
            }
        }
    }

    /** A copy of {@code requested} where every port 0 is replaced by a distinct free port. */
    static Map<Component, Integer> resolve(Map<Component, Integer> requested) {
        long zeros = requested.values().stream().filter(p -> p == 0).count();
        List<Integer> picked = pickFree((int) zeros);
        Map<Component, Integer> resolved = new EnumMap<>(Component.class);
        int next = 0;
        for (Map.Entry<Component, Integer> entry : requested.entrySet()) {
            resolved.put(entry.getKey(), entry.getValue() == 0 ? picked.get(next++) : entry.getValue());
        }
        return resolved;
    }
}
