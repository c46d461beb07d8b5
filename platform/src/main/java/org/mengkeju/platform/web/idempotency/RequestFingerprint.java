package org.mengkeju.platform.web.idempotency;

import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The identity of a request's meaning, to tell a retry from a different request under the same Idempotency-Key.
 * It is a SHA-256 over a canonical form that depends only on values: record components and map keys sorted by
 * name, numbers by value ({@code 5} and {@code 5.00} are one price), sets sorted, lists in order. Nothing depends on
 * hash order or {@code toString()}, so the fingerprint is the same in every process and after every restart.
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    /** The fingerprint of the given parts (records, maps, collections, text, numbers, enums, booleans, null). */
    public static String of(Object... parts) {
        List<Object> all = new ArrayList<>();
        if (parts == null) {
            all.add(null);
        } else {
            all.addAll(java.util.Arrays.asList(parts));
        }
        return sha256(canonical(all));
    }

    /** The canonical text itself; exposed so that tests can show what two requests are compared on. */
    public static String canonical(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        switch (value) {
            case null -> out.append("null");
            case Optional<?> optional -> write(optional.orElse(null), out);
            case CharSequence text -> string(text.toString(), out);
            case Enum<?> constant -> string(constant.name(), out);
            case Boolean flag -> out.append(flag);
            case BigDecimal number -> out.append(plain(number));
            case BigInteger number -> out.append(number);
            case Byte number -> out.append(number.longValue());
            case Short number -> out.append(number.longValue());
            case Integer number -> out.append(number.longValue());
            case Long number -> out.append(number.longValue());
            case Number number -> out.append(plain(new BigDecimal(number.toString())));
            case TemporalAccessor time -> string(time.toString(), out);
            case Map<?, ?> map -> {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
                object(sorted, out);
            }
            case Set<?> set -> {
                List<String> members = new ArrayList<>();
                set.forEach(member -> members.add(canonical(member)));
                members.sort(null);
                out.append('[').append(String.join(",", members)).append(']');
            }
            case Collection<?> list -> {
                out.append('[');
                boolean first = true;
                for (Object member : list) {
                    if (!first) {
                        out.append(',');
                    }
                    first = false;
                    write(member, out);
                }
                out.append(']');
            }
            case Record record -> {
                Map<String, Object> components = new TreeMap<>();
                for (RecordComponent component : record.getClass().getRecordComponents()) {
                    try {
                        var accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        components.put(component.getName(), accessor.invoke(record));
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException("cannot read " + component, e);
                    }
                }
                object(components, out);
            }
            default -> throw new IllegalArgumentException("no canonical form for " + value.getClass().getName()
                    + "; fingerprint records, maps, collections and scalars");
        }
    }

    private static void object(Map<String, Object> sorted, StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (var entry : sorted.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(entry.getKey(), out);
            out.append(':');
            write(entry.getValue(), out);
        }
        out.append('}');
    }

    private static String plain(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static String sha256(String canonical) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
