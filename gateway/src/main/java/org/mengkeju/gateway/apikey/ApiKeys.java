package org.mengkeju.gateway.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/** Finds the registered client an API key belongs to, by the key's SHA-256. */
public final class ApiKeys {

    private record Registered(byte[] digest, ApiClient client) {
    }

    private final List<Registered> registered;

    public ApiKeys(List<ApiClient> clients) {
        this.registered = clients.stream().map(client -> new Registered(client.keyDigest(), client)).toList();
    }

    public Optional<ApiClient> authenticate(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty()) {
            return Optional.empty();
        }
        byte[] digest = sha256(presentedKey);
        ApiClient match = null;
        // Constant-time comparisons, and no early exit: how long this takes says nothing about which digest
        // came close or which client matched.
        for (Registered candidate : registered) {
            if (MessageDigest.isEqual(candidate.digest(), digest)) {
                match = candidate.client();
            }
        }
        return Optional.ofNullable(match);
    }

    /** Whether a client of this id is configured, so that the admin API does not register a second one. */
    public boolean hasClient(String clientId) {
        return registered.stream().anyMatch(candidate -> candidate.client().clientId().equals(clientId));
    }

    public int size() {
        return registered.size();
    }

    /** The SHA-256 of a key's UTF-8 bytes: what is kept of a key, in configuration and in the client store. */
    public static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
