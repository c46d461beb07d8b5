package org.mengkeju.contract.registration;

import java.util.Optional;

/**
 * The unified social credit code (统一社会信用代码, GB 32100-2015) of a contract party: 18 characters whose last is
 * a check character over the first 17, weighted and taken modulo 31. Letters I, O, S, V and Z never occur.
 */
public final class UnifiedSocialCreditCode {

    private static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private UnifiedSocialCreditCode() {
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
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += CHARACTERS.indexOf(candidate.charAt(i)) * WEIGHTS[i];
        }
        char expected = CHARACTERS.charAt((31 - sum % 31) % 31);
        if (candidate.charAt(17) != expected) {
            return Optional.of("the check character is '" + candidate.charAt(17) + "' but GB 32100 gives '"
                    + expected + "' for the first 17 characters");
        }
        return Optional.empty();
    }
}
