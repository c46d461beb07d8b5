package org.mengkeju.gateway.clients;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.mengkeju.gateway.apikey.ApiKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * Client management, when the gateway has a database of its own ({@code spring.mongodb.uri}, e.g.
 * {@code mongodb://mongo:27017/gateway}). Without one, only configured clients exist and the admin API is absent.
 * The driver is set up here rather than by Boot's auto-configuration, so that a gateway without a database never
 * tries to reach one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("spring.mongodb.uri")
class ClientStoreConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClientStoreConfiguration.class);

    /**
     * A database that is down must not hold requests for the driver's default 30 s: a key lookup gives up after
     * 2 s (503, configured keys unaffected) unless the URI sets {@code serverSelectionTimeoutMS} itself, and after 5 s
     * without an answer from a connected one unless it sets {@code socketTimeoutMS}.
     */
    @Bean(destroyMethod = "close")
    MongoClient clientStoreMongoClient(@Value("${spring.mongodb.uri}") String uri) {
        ConnectionString connection = new ConnectionString(uri);
        MongoClientSettings.Builder settings = MongoClientSettings.builder();
        if (connection.getServerSelectionTimeout() == null) {
            settings.applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(2, TimeUnit.SECONDS));
        }
        if (connection.getConnectTimeout() == null) {
            settings.applyToSocketSettings(socket -> socket.connectTimeout(2, TimeUnit.SECONDS));
        }
        if (connection.getSocketTimeout() == null) {
            // nor wait for ever for the answer of a store that stopped answering (the driver's default)
            settings.applyToSocketSettings(socket -> socket.readTimeout(5, TimeUnit.SECONDS));
        }
        return MongoClients.create(settings.applyConnectionString(connection).build());
    }

    @Bean
    ReactiveMongoTemplate clientStoreTemplate(MongoClient client, @Value("${spring.mongodb.uri}") String uri) {
        String database = new ConnectionString(uri).getDatabase();
        return new ReactiveMongoTemplate(client, database != null ? database : "gateway");
    }

    @Bean
    RegisteredClients registeredClients(ReactiveMongoTemplate template) {
        return new RegisteredClients(template);
    }

    @Bean
    ClientKeyCache clientKeyCache(RegisteredClients clients, Clock clock,
            @Value("${mengkeju.gateway.client-store.cache-ttl:5s}") Duration ttl,
            @Value("${mengkeju.gateway.client-store.max-cached-keys:10000}") int maxEntries) {
        log.info("clients registered through the admin API are read from the gateway's database, cached for {}", ttl);
        return new ClientKeyCache(clients, clock, ttl, maxEntries);
    }

    @Bean
    ClientAdministration clientAdministration(RegisteredClients clients, ClientKeyCache cache, ApiKeys configured,
            Clock clock) {
        return new ClientAdministration(clients, cache, configured, clock);
    }

    /** The key-hash index, once the gateway is up; a database that is down then is tried again at the next start. */
    @EventListener(ApplicationReadyEvent.class)
    void createIndexes(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBean(RegisteredClients.class).createIndexes().subscribe(
                done -> { },
                failure -> log.warn("could not create the index of the clients collection: {}", failure.toString()));
    }
}
