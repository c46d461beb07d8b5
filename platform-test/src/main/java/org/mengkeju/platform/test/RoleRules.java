package org.mengkeju.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Who may call what (谁可以调用什么): the table of the README's section {@value #SECTION}, read as data. A row names a
 * service (or {@code gateway}), the endpoints of one group as {@code `METHOD /path`} (a service's paths below its API
 * area, {@code /api/v1/<service>}; the gateway's in full) and, per role, the answer the role gets: {@code ✓} allowed
 * (anything but 401 and 403), {@code 403}, or {@code 404} where an answer would tell the caller the thing exists.
 * A caller without an identity gets 401 everywhere. The same table is what the README shows, so it cannot drift
 * from what the tests hold the services to.
 */
public final class RoleRules {

    /** The README heading whose first table is the rule table. */
    public static final String SECTION = "## Who may call what";
    /** The roles of the table's columns, as clients have them at the gateway. */
    public static final List<String> ROLES =
            List.of("PARTNER", "SUB_CENTER", "FINANCE_INSTITUTION", "BROKER", "OPERATOR", "ADMIN");

    /** What a role gets from an endpoint. */
    public enum Answer {
        /** Anything but 401 and 403: the role passes the rule (its data scope still applies). */
        ALLOWED("✓"),
        /** A 403 problem naming who may. */
        FORBIDDEN("403"),
        /** A 404 problem: the role may not learn that the thing exists. */
        HIDDEN("404");

        private final String cell;

        Answer(String cell) {
            this.cell = cell;
        }

        static Answer of(String cell, String where) {
            for (Answer answer : values()) {
                if (answer.cell.equals(cell)) {
                    return answer;
                }
            }
            throw new IllegalArgumentException(where + ": '" + cell + "' is not one of ✓, 403, 404");
        }

        /** Whether an HTTP status is this answer. */
        public boolean matches(int status) {
            return switch (this) {
                case ALLOWED -> status != 401 && status != 403 && status < 500;
                case FORBIDDEN -> status == 403;
                case HIDDEN -> status == 404;
            };
        }

        @Override
        public String toString() {
            return this == ALLOWED ? "allowed (not 401/403, not 5xx)" : cell;
        }
    }

    /** One endpoint and the answer of each role; {@code line} is the README's line, for messages. */
    public record Rule(String service, String operation, Map<String, Answer> answers, int line) {

        public Answer answer(String role) {
            return answers.get(role);
        }
    }

    private static final Pattern OPERATION = Pattern.compile("`([A-Z]+) (/[^`]*)`");

    private final Path source;
    private final List<Rule> rules;

    private RoleRules(Path source, List<Rule> rules) {
        this.source = source;
        this.rules = rules;
    }

    /** The table of the repository's README, found from the working directory (a module's or the root) upwards. */
    public static RoleRules fromReadme() {
        Path directory = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = directory; d != null; d = d.getParent()) {
            Path readme = d.resolve("README.md");
            if (Files.isRegularFile(readme) && read(readme).contains(SECTION)) {
                return parse(readme, read(readme));
            }
        }
        throw new IllegalStateException("no README.md with the section '" + SECTION + "' above " + directory);
    }

    /** The rule table of a README's text; an unreadable row or cell is an {@link IllegalArgumentException}. */
    public static RoleRules parse(Path source, String readme) {
        List<String> lines = readme.lines().toList();
        int start = lines.indexOf(SECTION);
        if (start < 0) {
            throw new IllegalArgumentException(source + " has no section '" + SECTION + "'");
        }
        List<String> header = null;
        List<Rule> rules = new ArrayList<>();
        for (int i = start + 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (header != null && !rules.isEmpty()) {
                    break; // the table ended
                }
                continue;
            }
            List<String> cells = cells(line);
            if (header == null) {
                header = cells;
                for (String role : ROLES) {
                    if (!header.contains(role)) {
                        throw new IllegalArgumentException(source + ":" + (i + 1) + ": no column " + role);
                    }
                }
                continue;
            }
            if (cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                continue;
            }
            String where = source.getFileName() + ":" + (i + 1);
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException(where + ": " + cells.size() + " cells, the header has "
                        + header.size());
            }
            String service = cells.get(header.indexOf("service")).replace("`", "");
            Map<String, Answer> answers = new LinkedHashMap<>();
            for (String role : ROLES) {
                answers.put(role, Answer.of(cells.get(header.indexOf(role)), where + " " + role));
            }
            Matcher operation = OPERATION.matcher(cells.get(header.indexOf("endpoints")));
            boolean any = false;
            while (operation.find()) {
                any = true;
                rules.add(new Rule(service, operation.group(1) + " " + operation.group(2), answers, i + 1));
            }
            if (!any) {
                throw new IllegalArgumentException(where + ": no `METHOD /path` in the endpoints cell");
            }
        }
        if (header == null || rules.isEmpty()) {
            throw new IllegalArgumentException(source + ": no rule table under '" + SECTION + "'");
        }
        return new RoleRules(source, List.copyOf(rules));
    }

    public Path source() {
        return source;
    }

    /** Every rule of a service ({@code catalog}, ..., {@code gateway}), in the table's order. */
    public List<Rule> rules(String service) {
        return rules.stream().filter(r -> r.service().equals(service)).toList();
    }

    public List<Rule> rules() {
        return rules;
    }

    /** The rule of {@code METHOD /path} (below the API area for a service); empty when the table has none. */
    public Optional<Rule> rule(String service, String operation) {
        return rules.stream().filter(r -> r.service().equals(service) && r.operation().equals(operation)).findFirst();
    }

    /** The operations the table names more than once for a service: each must have exactly one rule. */
    public List<String> duplicates(String service) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        rules(service).forEach(r -> counts.merge(r.operation(), 1, Integer::sum));
        return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") && line.length() > 1 ? line.length() - 1 : line.length());
        List<String> cells = new ArrayList<>();
        for (String cell : inner.split("\\|", -1)) {
            cells.add(cell.trim());
        }
        return cells;
    }

    private static String read(Path readme) {
        try {
            return Files.readString(readme, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
