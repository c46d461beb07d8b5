package org.mengkeju.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Checks a JSON payload against the JSON Schema of its contract (draft 2020-12, formats asserted). */
public final class EventSchemas {

    private static final ObjectMapper SCHEMA_MAPPER = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();
    private static final String ADDITIONAL_PROPERTIES = "additionalProperties";
    private static final Map<String, JsonSchema> CACHE = new ConcurrentHashMap<>();
    private static final Map<String, String> FINGERPRINTS = new ConcurrentHashMap<>();
    private static final Map<String, String> DATA_SCHEMAS = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The violations of {@code json} against the contract's schema; empty when it conforms. The producer's check. */
    public static List<String> violations(EventContract<?> contract, String json) {
        return validate(contract, json, false);
    }

    /**
     * The violations that matter to a reader: as {@link #violations}, less fields the schema does not know
     * ({@code additionalProperties}), which a tolerant reader ignores.
     */
    public static List<String> readerViolations(EventContract<?> contract, String json) {
        return validate(contract, json, true);
    }

    private static List<String> validate(EventContract<?> contract, String json, boolean tolerateUnknownFields) {
        JsonSchema schema = CACHE.computeIfAbsent(contract.type(), t -> load(contract));
        try {
            return schema.validate(SCHEMA_MAPPER.readTree(json)).stream()
                    .filter(m -> !(tolerateUnknownFields && ADDITIONAL_PROPERTIES.equals(m.getType())))
                    .map(ValidationMessage::getMessage)
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return List.of("not JSON: " + e.getMessage());
        }
    }

    /**
     * The CloudEvents {@code dataschema} of an event checked against the contract's schema as this build has it: a
     * consumer whose contract names the same URI holds the very schema the payload was checked against.
     */
    public static String dataSchema(EventContract<?> contract) {
        // Asked for every event a consumer reads: built once per contract.
        return DATA_SCHEMAS.computeIfAbsent(contract.type(),
                t -> "urn:mengkeju:event-schema:" + t + ":" + fingerprint(contract));
    }

    /**
     * What identifies the contract's schema as this build has it: a hash of its text. A producer stores it with an
     * event it checked, so that a later step can tell whether the event was checked against the schema in force then.
     */
    public static String fingerprint(EventContract<?> contract) {
        return FINGERPRINTS.computeIfAbsent(contract.type(), t -> {
            try {
                byte[] hash = MessageDigest.getInstance("SHA-256")
                        .digest(resource(contract.schemaResource()).getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(hash, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        });
    }

    /** Reads a classpath resource of this module (schema or sample) as UTF-8 text. */
    public static String resource(String path) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing event contract resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(EventContract<?> contract) {
        return FACTORY.getSchema(resource(contract.schemaResource()), CONFIG);
    }
}
