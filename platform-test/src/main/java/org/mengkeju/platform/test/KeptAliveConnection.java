package org.mengkeju.platform.test;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection to a service on this machine, kept alive, one request at a time, as a partner system's
 * client holds it. For benchmarks: the JDK's HttpClient hands every request and answer between its own threads, and
 * on 2 shared cores that adds a latency tail of its own to what is measured. Not thread-safe: one per caller thread.
 */
public final class KeptAliveConnection implements AutoCloseable {

    /** A service's answer: its status and body. */
    public record Answer(int status, String body) {
    }

    /** An answer not read in this long fails the request, rather than the benchmark hanging on it. */
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final int port;
    private Socket socket;
    private OutputStream out;
    private BufferedInputStream in;

    public KeptAliveConnection(int port) {
        this.port = port;
        connect();
    }

    /** A GET with one header (the caller's identity, usually). */
    public Answer get(String path, String header, String value) {
        return send("GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + header + ": " + value
                + "\r\nAccept: application/json\r\n\r\n");
    }

    /** A POST of a JSON body with the given headers, as name-value pairs. */
    public Answer postJson(String path, String json, String... headers) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\n")
                .append("Content-Type: application/json\r\nAccept: application/json\r\nContent-Length: ")
                .append(body.length).append("\r\n");
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
        }
        return send(request.append("\r\n").append(json).toString());
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a connection that failed already
        }
    }

    private Answer send(String request) {
        try {
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String status = line();
            int length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String h = line(); !h.isEmpty(); h = line()) {
                String lower = h.toLowerCase(Locale.ROOT);
                close |= lower.startsWith("connection:") && lower.contains("close");
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(h.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line().trim(), 16); size > 0;
                        size = Integer.parseInt(line().trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line();
                }
                line();
            } else if (length > 0) {
                body.write(in.readNBytes(length));
            }
            // Tomcat closes a kept-alive connection after 100 requests, and says so.
            if (close) {
                connect();
            }
            return new Answer(Integer.parseInt(status.split(" ", 3)[1]), body.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void connect() {
        try {
            if (socket != null) {
                socket.close();
            }
            socket = new Socket("127.0.0.1", port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("the service closed the connection");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }
}
