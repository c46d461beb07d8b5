package org.mengkeju.catalog.achievement;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Chinese patent (application) number with its check character (专利申请号与校验位), e.g. {@code ZL201710601862.3}:
 * optional {@code ZL} or {@code CN}, 12 digits (since 2003: year, type, serial) or 8 digits (before), a dot, and the
 * check character, the weighted sum of the digits (weights 2 to 9, repeating) modulo 11, with X for 10.
 */
public final class PatentNumber {

    private static final Pattern FORMAT = Pattern.compile("(?:ZL|CN)?\\s?(\\d{12}|\\d{8})\\.([0-9X])");
    private static final int[] WEIGHTS = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};

    private PatentNumber() {
    }

    /** Why {@code number} is not a valid Chinese patent number, or null when it is. */
    public static String violation(String number) {
        Matcher m = FORMAT.matcher(number.strip().toUpperCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            return "'" + number + "' is not a Chinese patent number such as ZL201710601862.3 (12 or 8 digits, a dot, "
                    + "the check character)";
        }
        char expected = checkCharacter(m.group(1));
        if (m.group(2).charAt(0) != expected) {
            return "'" + number + "' has the check character " + m.group(2) + " but its digits give " + expected;
        }
        return null;
    }

    static char checkCharacter(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            sum += (digits.charAt(i) - '0') * WEIGHTS[i];
        }
        int check = sum % 11;
        return check == 10 ? 'X' : (char) ('0' + check);
    }
}
