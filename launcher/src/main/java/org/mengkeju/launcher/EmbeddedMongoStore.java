package org.mengkeju.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStoreTool;

/**
 * The MongoDB-wire store: mongo-java-server with its H2 MVStore backend, persisted in one file and bound on
 * localhost. Every acknowledged write is committed to the file before the reply ({@link DurableH2Backend}), so a
 * killed launcher loses none; closing it stops the listener, closes the client connections and closes the MVStore.
 */
public final class EmbeddedMongoStore implements AutoCloseable {

    private final Path file;
    private final int port;
    private MongoServer server;
    private H2Backend backend;

    private EmbeddedMongoStore(Path file, int port) {
        this.file = file;
        this.port = port;
    }

    /** Opens (or creates) the store file and listens on {@code localhost:<port>}. */
    public static EmbeddedMongoStore start(Path file, int port) {
        Logging.quietStoreLogs();
        EmbeddedMongoStore store = new EmbeddedMongoStore(file.toAbsolutePath(), port);
        try {
            Files.createDirectories(store.file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        H2Backend backend;
        try {
            // finishes or discards a compaction a killed launcher left half-done (see DurableH2Backend#close)
            MVStoreTool.compactCleanUp(store.file.toString());
            backend = new DurableH2Backend(store.file.toString());
        } catch (RuntimeException e) {
            throw new PlatformStartException("cannot open the store file " + store.file + " (is another launcher using"
                    + " this data folder?): " + e.getMessage(), e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            server.bind("localhost", port);
        } catch (RuntimeException e) {
            server.shutdownNow();
            throw new PlatformStartException("the MongoDB-wire store did not start on port " + port + ": " + e, e);
        }
        store.server = server;
        store.backend = backend;
        return store;
    }

    /** {@code mongodb://localhost:<port>} (append {@code /<database>} for a service). */
    public String uri() {
        return "mongodb://localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path file() {
        return file;
    }

    /**
     * For tests: ends the store the way a killed process does. Stops listening, then closes the file as it is,
     * dropping whatever is not committed yet, without the backend's close (no final commit, no compaction).
     */
    synchronized void simulateCrash() {
        if (server != null) {
            server.stopListening();
            backend.getMvStore().closeImmediately();
            server.shutdownNow(); // frees the threads; the backend's close finds the store closed and writes nothing
            server = null;
        }
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdownNow(); // stops listening, closes clients, then closes the backend (MVStore.close, compaction)
            server = null;
        }
    }
}
