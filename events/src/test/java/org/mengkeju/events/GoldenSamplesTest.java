package org.mengkeju.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden sample ever published still reads with today's records: a breaking contract change fails here. */
class GoldenSamplesTest {

    /** Reads numbers as written: an amount of 1500000.00 yuan must not come back as the double 1500000.0. */
    private static final ObjectMapper TREE = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    static Iterable<EventContract<?>> contracts() {
        return EventContracts.all();
    }

    static Stream<Arguments> goldenSamples() throws Exception {
        List<Arguments> samples = new ArrayList<>();
        for (EventContract<?> contract : EventContracts.all()) {
            for (Path sample : samplesOf(contract)) {
                samples.add(Arguments.of(contract, sample.getFileName().toString(), Files.readString(sample)));
            }
        }
        return samples.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void everyContractKeepsItsGoldenSamplesNumberedFromOneAndTheLatestIsThePublishedSample(
            EventContract<?> contract) throws Exception {
        List<Path> samples = samplesOf(contract);

        assertThat(samples).as("golden samples of %s", contract.type()).isNotEmpty();
        for (int i = 0; i < samples.size(); i++) {
            assertThat(samples.get(i).getFileName().toString()).isEqualTo((i + 1) + ".json");
        }
        // The published sample is never edited in place: its new form becomes the next golden sample.
        assertThat(TREE.readTree(Files.readString(samples.getLast())))
                .isEqualTo(TREE.readTree(EventSchemas.resource(contract.sampleResource())));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("goldenSamples")
    void aGoldenSampleReadsWithTodaysRecordKeepingEveryFieldItShares(EventContract<?> contract, String name,
            String json) throws Exception {
        Object payload = EventJson.readChecked(contract, json);

        JsonNode sample = TREE.readTree(json);
        JsonNode read = TREE.readTree(EventJson.write(payload));
        read.properties().forEach(field -> {
            if (sample.has(field.getKey())) {
                assertThat(field.getValue()).as("%s of %s", field.getKey(), name).isEqualTo(sample.get(field.getKey()));
            }
        });
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("goldenSamples")
    void aReaderIgnoresAFieldItDoesNotKnow(EventContract<?> contract, String name, String json) throws Exception {
        ObjectNode extended = (ObjectNode) TREE.readTree(json);
        extended.put("addedInALaterVersion", "a value today's consumers have never seen");
        extended.putObject("nestedAddition").put("x", 1);

        assertThat(EventSchemas.violations(contract, extended.toString())).as("the producer stays strict")
                .anySatisfy(v -> assertThat(v).contains("addedInALaterVersion"));
        // Yuan amounts compare by value: the tree above reads 1500000.00 as a double and writes it back as 1500000.0.
        assertThat(EventJson.readChecked(contract, extended.toString())).usingRecursiveComparison()
                .withComparatorForType(java.math.BigDecimal::compareTo, java.math.BigDecimal.class)
                .isEqualTo(EventJson.readChecked(contract, json));
    }

    @ParameterizedTest(name = "{0} #{1}")
    @MethodSource("goldenSamples")
    void aReaderStillRefusesAPayloadMissingARequiredField(EventContract<?> contract, String name, String json)
            throws Exception {
        ObjectNode sample = (ObjectNode) TREE.readTree(json);
        String first = sample.fieldNames().next();
        sample.remove(first);

        assertThatThrownBy(() -> EventJson.readChecked(contract, sample.toString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(first);
    }

    private static List<Path> samplesOf(EventContract<?> contract) throws IOException, URISyntaxException {
        var url = GoldenSamplesTest.class.getClassLoader().getResource("golden/" + contract.type());
        if (url == null) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            return files.filter(p -> p.getFileName().toString().matches("\\d+\\.json"))
                    .sorted(Comparator.comparingInt(p -> Integer.parseInt(p.getFileName().toString().split("\\.")[0])))
                    .toList();
        }
    }

}
