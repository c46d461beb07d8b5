package org.mengkeju.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    static Iterable<EventContract<?>> contracts() {
        return EventContracts.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void goldenSampleConformsToItsSchema(EventContract<?> contract) {
        String sample = EventSchemas.resource(contract.sampleResource());
        assertThat(EventSchemas.violations(contract, sample)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void goldenSampleRoundTripsThroughThePayloadRecordWithoutLoss(EventContract<?> contract) throws Exception {
        String sample = EventSchemas.resource(contract.sampleResource());
        Object payload = EventJson.read(sample, contract.payloadType());
        String written = EventJson.write(payload);

        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        assertThat(mapper.readTree(written)).isEqualTo(mapper.readTree(sample));
        assertThat(EventSchemas.violations(contract, written)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contracts")
    void schemaRefusesAPayloadMissingARequiredField(EventContract<?> contract) throws Exception {
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var sample = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(
                EventSchemas.resource(contract.sampleResource()));
        String firstField = sample.fieldNames().next();
        sample.remove(firstField);

        assertThat(EventSchemas.violations(contract, sample.toString()))
                .anySatisfy(v -> assertThat(v).contains(firstField));
    }

    @Test
    void schemaRefusesAnUnknownFieldAndAWrongFormat() {
        String json = """
                {"achievementId":"ach-1","title":"稀土硫化物着色剂","ownerInstitutionId":"cas-baotou",
                 "industryChain":"RARE_EARTHS","maturity":"PILOT","publishedAt":"yesterday","price":1}""";

        assertThat(EventSchemas.violations(org.mengkeju.events.catalog.AchievementPublished.CONTRACT, json))
                .hasSize(2)
                .anySatisfy(v -> assertThat(v).contains("price"))
                .anySatisfy(v -> assertThat(v).contains("publishedAt"));
    }

    @Test
    void typesAreVersionedAndUnique() {
        Set<String> seen = new HashSet<>();
        for (EventContract<?> contract : EventContracts.all()) {
            assertThat(contract.type()).matches("org\\.mengkeju\\.[a-z]+\\.[a-z.-]+\\.v\\d+");
            assertThat(seen.add(contract.type())).as("duplicate type %s", contract.type()).isTrue();
        }
    }
}
