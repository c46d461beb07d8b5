package org.mengkeju.launcher;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The development identity key pair and one API key per role, generated once (Ed25519; SecureRandom, 32 bytes,
 * base64url for the API keys) and kept in {@code <data>/dev-credentials.properties} so they stay the same across
 * restarts. The gateway gets the private key to sign caller identities; the services get only the public key.
 *
 * <p>File layout: {@code identity.kid}, {@code identity.private-key} (PKCS#8, base64), {@code identity.public-key}
 * (X.509, base64) and, per client, {@code clients.<id>.key}, {@code .role}, {@code .institution-id},
 * {@code .region-code}. Clients added to the file by hand are kept and handed to the gateway too; a default client
 * missing from the file is added with a fresh key.
 */
public final class DevCredentials {

    /** An API client as the gateway knows it. The key is the plain key a caller sends in {@code X-Api-Key}. */
    public record ApiClient(String clientId, String role, String institutionId, String regionCode, String key) {

        /** Lower-case hex SHA-256 of the key's UTF-8 bytes: what the gateway is configured with. */
        public String keySha256() {
            return sha256Hex(key);
        }

        ApiClient withKey(String newKey) {
            return new ApiClient(clientId, role, institutionId, regionCode, newKey);
        }
    }

    /** The client contract-service calls the catalog as (its achievement check goes through the gateway). */
    public static final String CONTRACT_SERVICE_CLIENT = "dev-contract-service";

    /** The development administrator: registers, rotates and revokes clients through the gateway's admin API. */
    public static final String ADMIN_CLIENT = "dev-admin";

    /** The development clients, one per role (keys are generated). */
    public static final List<ApiClient> DEFAULT_CLIENTS = List.of(
            // Inner Mongolia University of Technology's tech-transfer office, Hohhot
            new ApiClient("dev-partner", "PARTNER", "imut", "150100", null),
            // the Ordos league-city sub-center
            new ApiClient("dev-subcenter-ordos", "SUB_CENTER", "ordos-sub-center", "150600", null),
            new ApiClient("dev-bank", "FINANCE_INSTITUTION", "bank-of-inner-mongolia", "150100", null),
            // PICC Inner Mongolia (人保财险), the insurer of pilot-stage risks
            new ApiClient("dev-insurer-picc", "FINANCE_INSTITUTION", "picc-nmg", "150100", null),
            new ApiClient("dev-broker", "BROKER", "hohhot-tech-brokers", "150100", null),
            // the platform / science department (科技厅) operations team, whole region
            new ApiClient("dev-operator", "OPERATOR", "nmg-kjt", "150000", null),
            // contract-service itself, checking achievements against the catalog through the gateway
            new ApiClient(CONTRACT_SERVICE_CLIENT, "OPERATOR", "nmg-kjt", "150000", null),
            // the clients the demo scenario (bin/run --demo) acts as: more owners of achievements, two enterprises,
            // the Baotou sub-center, and the Hohhot technology-contract registration point (技术合同登记点)
            new ApiClient("dev-partner-imu", "PARTNER", "imu", "150100", null),
            new ApiClient("dev-partner-imau", "PARTNER", "imau", "150100", null),
            new ApiClient("dev-partner-rare-earth", "PARTNER", "cas-baotou-rare-earth", "150200", null),
            new ApiClient("dev-enterprise-yili", "PARTNER", "yili", "150100", null),
            new ApiClient("dev-enterprise-baogang", "PARTNER", "baogang", "150200", null),
            new ApiClient("dev-subcenter-baotou", "SUB_CENTER", "baotou-sub-center", "150200", null),
            new ApiClient("dev-registration-desk", "OPERATOR", "tcr-150100-01", "150100", null),
            // the administrator of the gateway's clients (/api/v1/admin/clients); it calls no service
            new ApiClient(ADMIN_CLIENT, "ADMIN", null, null, null));

    public static final String FILE_NAME = "dev-credentials.properties";

    /** The shared secret of earlier versions; dropped from the file when the key pair is added. */
    private static final String OBSOLETE_SECRET = "identity.secret";
    private static final String KEY_ID = "identity.kid";
    private static final String PRIVATE_KEY = "identity.private-key";
    private static final String PUBLIC_KEY = "identity.public-key";
    private static final String CLIENT_PREFIX = "clients.";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path file;
    private final IdentityKey identityKey;
    private final Map<String, ApiClient> clients;

    /**
     * The key pair the gateway signs caller identities with, base64 like the services' configuration takes it.
     *
     * @param kid        the key id written into each token
     * @param privateKey PKCS#8: for the gateway only
     * @param publicKey  X.509: what the services trust, as {@code <kid>:<publicKey>}
     */
    public record IdentityKey(String kid, String privateKey, String publicKey) {

        /** The {@code mengkeju.identity.keys} entry of the services. */
        public String trustedKeyEntry() {
            return kid + ":" + publicKey;
        }
    }

    private DevCredentials(Path file, IdentityKey identityKey, Map<String, ApiClient> clients) {
        this.file = file;
        this.identityKey = identityKey;
        this.clients = clients;
    }

    /**
     * Reads the file, adding whatever is missing (the secret, a default client); writes it only when something was
     * added, so an existing complete file is left untouched.
     */
    public static DevCredentials loadOrCreate(Path file) {
        try {
            Properties properties = new Properties();
            if (Files.exists(file)) {
                try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
            }
            boolean changed = false;
            IdentityKey identityKey = readIdentityKey(properties);
            if (identityKey == null) {
                identityKey = generateIdentityKey();
                properties.setProperty(KEY_ID, identityKey.kid());
                properties.setProperty(PRIVATE_KEY, identityKey.privateKey());
                properties.setProperty(PUBLIC_KEY, identityKey.publicKey());
                properties.remove(OBSOLETE_SECRET);
                changed = true;
            }
            Map<String, ApiClient> clients = new LinkedHashMap<>();
            for (ApiClient definition : DEFAULT_CLIENTS) {
                String key = properties.getProperty(CLIENT_PREFIX + definition.clientId() + ".key", "").trim();
                if (key.isEmpty()) {
                    key = randomKey();
                    write(properties, definition.withKey(key));
                    changed = true;
                }
                clients.put(definition.clientId(), read(properties, definition.clientId(), definition.withKey(key)));
            }
            for (String id : clientIds(properties)) {
                if (!clients.containsKey(id)) {
                    String key = properties.getProperty(CLIENT_PREFIX + id + ".key", "").trim();
                    if (!key.isEmpty()) {
                        clients.put(id, read(properties, id, new ApiClient(id, null, null, null, key)));
                    }
                }
            }
            if (changed) {
                store(file, properties);
            }
            return new DevCredentials(file, identityKey, clients);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The key pair the gateway signs identity tokens with; the services verify them with its public half. */
    public IdentityKey identityKey() {
        return identityKey;
    }

    public List<ApiClient> clients() {
        return List.copyOf(clients.values());
    }

    public Optional<ApiClient> client(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** The plain API key of a client; an {@link IllegalArgumentException} naming the known clients otherwise. */
    public String apiKey(String clientId) {
        ApiClient client = clients.get(clientId);
        if (client == null) {
            throw new IllegalArgumentException("no API client '" + clientId + "'; known: " + clients.keySet());
        }
        return client.key();
    }

    static String randomKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static IdentityKey readIdentityKey(Properties properties) {
        String kid = properties.getProperty(KEY_ID, "").trim();
        String privateKey = properties.getProperty(PRIVATE_KEY, "").trim();
        String publicKey = properties.getProperty(PUBLIC_KEY, "").trim();
        return kid.isEmpty() || privateKey.isEmpty() || publicKey.isEmpty() ? null
                : new IdentityKey(kid, privateKey, publicKey);
    }

    /** A fresh Ed25519 pair; its id is taken from the public key, so a new pair always has a new id. */
    static IdentityKey generateIdentityKey() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Base64.Encoder base64 = Base64.getEncoder();
            String publicKey = base64.encodeToString(pair.getPublic().getEncoded());
            return new IdentityKey("dev-" + sha256Hex(publicKey).substring(0, 12),
                    base64.encodeToString(pair.getPrivate().getEncoded()), publicKey);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Ed25519 unavailable in this JDK", e);
        }
    }

    static String sha256Hex(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TreeSet<String> clientIds(Properties properties) {
        TreeSet<String> ids = new TreeSet<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(CLIENT_PREFIX) && name.endsWith(".key")) {
                ids.add(name.substring(CLIENT_PREFIX.length(), name.length() - ".key".length()));
            }
        }
        return ids;
    }

    private static ApiClient read(Properties properties, String id, ApiClient fallback) {
        String prefix = CLIENT_PREFIX + id + ".";
        return new ApiClient(id,
                blankToNull(properties.getProperty(prefix + "role", fallback.role())),
                blankToNull(properties.getProperty(prefix + "institution-id", fallback.institutionId())),
                blankToNull(properties.getProperty(prefix + "region-code", fallback.regionCode())),
                fallback.key());
    }

    private static void write(Properties properties, ApiClient client) {
        String prefix = CLIENT_PREFIX + client.clientId() + ".";
        properties.setProperty(prefix + "key", client.key());
        properties.putIfAbsent(prefix + "role", client.role());
        if (client.institutionId() != null) {
            properties.putIfAbsent(prefix + "institution-id", client.institutionId());
        }
        if (client.regionCode() != null) {
            properties.putIfAbsent(prefix + "region-code", client.regionCode());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void store(Path file, Properties properties) throws IOException {
        StringWriter out = new StringWriter();
        properties.store(out, null); // sorted by key (JDK 18+); drop the date comment it writes first
        List<String> lines = new ArrayList<>();
        lines.add("# 蒙科聚 local development credentials, generated by the launcher on first start.");
        lines.add("# For this machine only. Delete the file to get new API keys and a new identity key pair.");
        out.toString().lines().filter(line -> !line.startsWith("#")).forEach(lines::add);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
