package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.platform.RealInfrastructure;

/**
 * A consumer process killed as a crash would kill it, then started again, takes its partitions back within
 * seconds: static membership lets it replace its ghost at once instead of waiting out the dead member's session.
 * The session here is 30 s, so a resume that waited for it could not pass.
 */
class ConsumerRestartTest {

    static final long SESSION_MS = 30_000;

    String topic = RealInfrastructure.uniqueTopic("restart");
    String group = "restart-" + topic.substring(topic.length() - 8);
    List<Process> processes = new CopyOnWriteArrayList<>();
    Map<Process, List<String>> output = new ConcurrentHashMap<>();

    @AfterEach
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void aKilledConsumerRestartedUnderItsInstanceIdResumesWithinSeconds() {
        Process first = start();
        await().atMost(Duration.ofSeconds(60)).until(() -> output.get(first).contains("ASSIGNED"));
        publish("evt-before");
        await().atMost(Duration.ofSeconds(30)).until(() -> output.get(first).contains("HANDLED evt-before"));

        first.destroyForcibly(); // SIGKILL: the group is not told
        await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
        publish("evt-during-downtime");

        Process second = start();
        await().atMost(Duration.ofSeconds(60)).until(() -> output.get(second).contains("STARTING"));
        Instant started = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> output.get(second).contains("HANDLED evt-during-downtime"));
        Duration resumed = Duration.between(started, Instant.now());

        // Loose: a JVM's start and a loaded machine take seconds; waiting out the session would take 30.
        assertThat(resumed).isLessThan(Duration.ofSeconds(15));
    }

    private Process start() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    ConsumerProcess.class.getName(), RealInfrastructure.kafkaBootstrap(), topic, group, "node-1",
                    String.valueOf(SESSION_MS)).redirectErrorStream(true).start();
            processes.add(process);
            List<String> lines = new CopyOnWriteArrayList<>();
            output.put(process, lines);
            Thread.ofVirtual().start(() -> {
                try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    reader.lines().forEach(lines::add);
                } catch (java.io.IOException ignored) {
                    // the process was killed
                }
            });
            return process;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("could not start a consumer process", e);
        }
    }

    private void publish(String id) {
        var record = new ProducerRecord<>(topic, "ach-1", """
                {"achievementId":"ach-1","title":"乳酸菌发酵饲料","ownerInstitutionId":"imau","industryChain":"DAIRY",
                 "maturity":"PILOT","publishedAt":"2026-06-18T02:00:00Z"}""");
        CloudEventHeaders.write(record.headers(), id, AchievementPublished.CONTRACT.type(), "/mengkeju/catalog-service",
                Instant.now(), "ach-1", null);
        try {
            RealInfrastructure.kafkaTemplate(RealInfrastructure.kafkaBootstrap(), Map.of()).send(record)
                    .get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
