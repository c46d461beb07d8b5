package org.mengkeju.launcher.demo;

/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) for the demo's institutions: the first 17 characters
 * are chosen, the check character is computed with the standard's weights modulo 31, as the services verify it.
 */
public final class CreditCodes {

    private static final String CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    private CreditCodes() {
    }

    public static String withCheckCharacter(String first17) {
        if (first17.length() != 17) {
            throw new IllegalArgumentException("17 characters expected: " + first17);
        }
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            int value = CHARACTERS.indexOf(first17.charAt(i));
            if (value < 0) {
                throw new IllegalArgumentException("'" + first17.charAt(i) + "' is not allowed in " + first17);
            }
            sum += value * WEIGHTS[i];
        }
        return first17 + CHARACTERS.charAt((31 - sum % 31) % 31);
    }
}
