package org.mengkeju.launcher;

/** Reads the top-level {@code status} of an actuator health answer without a JSON library. */
final class HealthJson {

    private HealthJson() {
    }

    /** The value of the top-level {@code "status"} string member, or null when there is none. */
    static String topLevelStatus(String json) {
        if (json == null) {
            return null;
        }
        int depth = 0;
        int i = 0;
        int n = json.length();
        while (i < n) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                if (end < 0) {
                    return null;
                }
                String text = json.substring(i + 1, end);
                i = end + 1;
                if (depth == 1 && text.equals("status")) {
                    int j = skipWhitespace(json, i);
                    if (j < n && json.charAt(j) == ':') {
                        j = skipWhitespace(json, j + 1);
                        if (j < n && json.charAt(j) == '"') {
                            int valueEnd = endOfString(json, j);
                            return valueEnd < 0 ? null : json.substring(j + 1, valueEnd);
                        }
                    }
                }
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return null;
    }

    private static int endOfString(String json, int openingQuote) {
        for (int i = openingQuote + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static int skipWhitespace(String json, int i) {
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
