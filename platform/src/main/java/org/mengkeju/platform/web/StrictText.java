package org.mengkeju.platform.web;

/**
 * What text the API accepts: Unicode without control characters except tab and line feed, and without
 * unpaired surrogates. A NUL or an escape sequence in a title would be stored, published and shown to others;
 * a lone surrogate cannot be stored faithfully (the store replaces it with U+FFFD).
 */
public final class StrictText {

    private StrictText() {
    }

    /** Why {@code text} is refused, or null when it is acceptable. */
    public static String violation(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return "contains an unpaired surrogate " + codePoint(c) + " at position " + i
                        + "; text must be valid Unicode";
            }
            if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate " + codePoint(c) + " at position " + i
                        + "; text must be valid Unicode";
            }
            if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n') {
                return "contains the control character " + codePoint(c) + " at position " + i
                        + "; only tab and line feed are allowed";
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
