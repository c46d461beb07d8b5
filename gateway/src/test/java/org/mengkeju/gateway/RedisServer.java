package org.mengkeju.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real {@code redis-server} (Debian's {@code redis-server} package) on a free port, started and stopped by the
 * test; nothing is written to disk. It may be stopped and started again on the same port, as an outage.
 */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path directory;
    private Process process;

    private RedisServer(int port, Path directory) {
        this.port = port;
        this.directory = directory;
    }

    public static RedisServer start() throws IOException {
        RedisServer server = new RedisServer(freePort(), Files.createTempDirectory("redis-test"));
        server.startAgain();
        return server;
    }

    public int port() {
        return port;
    }

    public void startAgain() throws IOException {
        try {
            process = new ProcessBuilder("redis-server", "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", directory.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new IOException("cannot run redis-server; install Debian's redis-server package "
                    + "(apt-get install redis-server)", e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answersPing()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IOException("redis-server did not start on port " + port + ": "
                        + Files.readString(directory.resolve("redis.log")));
            }
            Thread.onSpinWait();
        }
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            process.waitFor();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            socket.setSoTimeout(500);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] reply = new byte[7];
            int read = in.readNBytes(reply, 0, 7);
            return new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
