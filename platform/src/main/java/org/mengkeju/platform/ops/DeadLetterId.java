package org.mengkeju.platform.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mengkeju.platform.web.ApiProblem;

/**
 * Where a dead letter lies: its dead-letter topic, partition and offset, written {@code <topic>:<partition>:<offset>}
 * (e.g. {@code mengkeju.catalog.achievements.points-achievement-awards.dlt:0:42}). A record never moves in Kafka, so
 * this names one dead letter for as long as the topic keeps it, and is the key its replay is recorded under.
 */
public record DeadLetterId(String deadLetterTopic, int partition, long offset) {

    /** Kafka's topic characters; the dead-letter topics of the platform end in {@code .dlt}. */
    private static final Pattern TEXT = Pattern.compile("([A-Za-z0-9._-]{1,249}\\.dlt):(\\d{1,6}):(\\d{1,19})");

    public DeadLetterId {
        if (partition < 0 || offset < 0) {
            throw new IllegalArgumentException("a dead letter's partition and offset are not negative");
        }
    }

    /** Reads the text form; anything else is a 400 problem naming the parameter. */
    public static DeadLetterId parse(String text) {
        Matcher matcher = text == null ? null : TEXT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw ApiProblem.invalid("invalid-dead-letter-id", "Invalid dead-letter id", "deadLetterId '"
                    + abbreviate(text) + "' is not <dead-letter topic>:<partition>:<offset>, e.g. "
                    + "mengkeju.catalog.achievements.points-achievement-awards.dlt:0:42");
        }
        try {
            return new DeadLetterId(matcher.group(1), Integer.parseInt(matcher.group(2)),
                    Long.parseLong(matcher.group(3)));
        } catch (NumberFormatException tooLarge) {
            throw ApiProblem.invalid("invalid-dead-letter-id", "Invalid dead-letter id", "deadLetterId '"
                    + abbreviate(text) + "' has a partition or offset out of range");
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "…" : printable;
    }

    @Override
    public String toString() {
        return deadLetterTopic + ":" + partition + ":" + offset;
    }
}
