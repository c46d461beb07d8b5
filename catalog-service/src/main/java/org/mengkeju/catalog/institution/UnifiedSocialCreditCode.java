package org.mengkeju.catalog.institution;

import java.util.Optional;

/**
 * A unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the registering authority and the
 * entity type, the six-digit administrative division, the nine-character organisation code, and a check character
 * computed over the first 17 with the standard's weights, modulo 31. Letters I, O, S, V and Z never occur.
 */
public record UnifiedSocialCreditCode(String value) {

    private static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    public UnifiedSocialCreditCode {
        Optional<String> problem = problemWith(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /** Why {@code candidate} is not a valid code, or empty when it is. */
    public static Optional<String> problemWith(String candidate) {
        if (candidate == null || candidate.length() != 18) {
            return Optional.of("a unified social credit code has 18 characters");
        }
        for (int i = 0; i < 18; i++) {
            if (CHARACTERS.indexOf(candidate.charAt(i)) < 0) {
                return Optional.of("character " + (i + 1) + " '" + candidate.charAt(i)
                        + "' is not allowed: only digits and capital letters other than I, O, S, V and Z");
            }
        }
        for (int i = 2; i < 8; i++) {
            if (!Character.isDigit(candidate.charAt(i))) {
                return Optional.of("characters 3 to 8 are the administrative division code and must be digits");
            }
        }
        char expected = checkCharacter(candidate.substring(0, 17));
        if (candidate.charAt(17) != expected) {
            return Optional.of("the check character is '" + candidate.charAt(17) + "' but GB 32100 gives '"
                    + expected + "' for the first 17 characters");
        }
        return Optional.empty();
    }

    /** The GB 32100 check character of the first 17 characters. */
    static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARACTERS.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        return CHARACTERS.charAt((31 - sum % 31) % 31);
    }

    @Override
    public String toString() {
        return value;
    }
}
