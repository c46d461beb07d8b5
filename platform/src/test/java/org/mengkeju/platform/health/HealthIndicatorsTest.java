package org.mengkeju.platform.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.RealInfrastructure;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.mongodb.core.MongoTemplate;

class HealthIndicatorsTest {

    @Test
    void mongoIsUpWhileTheStoreAnswersPingAndDownOnceItIsGone() {
        var server = new MongoServer(new MemoryBackend());
        var address = server.bind();
        try (var client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort()
                + "/?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000")) {
            var indicator = new MongoPingHealthIndicator(new MongoTemplate(client, "catalog"));
            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.UP);
            assertThat(indicator.health(true).getDetails()).containsEntry("database", "catalog");

            server.shutdownNow();

            assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
        }
    }

    @Test
    void kafkaIsUpWithAReachableBrokerAndDownWithout() throws Exception {
        var up = new KafkaHealthIndicator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                RealInfrastructure.kafkaBootstrap()), Duration.ofSeconds(5));
        var down = new KafkaHealthIndicator(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                Duration.ofMillis(500));
        try {
            assertThat(up.health(true).getStatus()).isEqualTo(Status.UP);
            assertThat(up.health(true).getDetails()).containsEntry("brokers", 1);
            assertThat(down.health(true).getStatus()).isEqualTo(Status.DOWN);
        } finally {
            up.destroy();
            down.destroy();
        }
    }
}
