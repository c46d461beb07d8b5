package org.mengkeju.platform.test;

import java.net.InetSocketAddress;
import java.util.UUID;

import de.bwaldvogel.mongo.MongoServer;
import org.mengkeju.devstore.IndexedMemoryBackend;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One MongoDB-wire store per test JVM, reached over TCP by the real MongoDB driver. Each Spring context gets its
 * own database, so test classes do not see each other's documents.
 */
public final class MongoWireStore {

    private static MongoServer server;
    private static String address;

    private MongoWireStore() {
    }

    /** {@code mongodb://host:port} of the shared store, started on first use. */
    public static synchronized String address() {
        if (server == null) {
            server = new MongoServer(new IndexedMemoryBackend());
            InetSocketAddress bound = server.bind();
            address = "mongodb://127.0.0.1:" + bound.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "mongo-wire-store-stop"));
        }
        return address;
    }

    /** A connection string to a database no other test uses. */
    public static String freshDatabaseUri(String prefix) {
        return address() + "/" + prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Points {@code spring.mongodb.uri} at a fresh database of the shared store. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of("spring.mongodb.uri=" + freshDatabaseUri("test")).applyTo(context);
        }
    }
}
