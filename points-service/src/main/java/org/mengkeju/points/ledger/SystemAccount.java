package org.mengkeju.points.ledger;

/**
 * The platform's own accounts. Every point in a holder's account came from {@link #ISSUED} and leaves to
 * {@link #REDEEMED} or {@link #EXPIRED}, so the sum over all accounts is always zero.
 */
public enum SystemAccount {
    /** Points issued by award rules (积分发放); its balance is minus every point ever issued. */
    ISSUED("system:points-issued"),
    /** Points redeemed for cash (积分兑换), 1 point = 1 yuan. */
    REDEEMED("system:points-redeemed"),
    /** Points that expired unused (积分过期). */
    EXPIRED("system:points-expired");

    private final String accountId;

    SystemAccount(String accountId) {
        this.accountId = accountId;
    }

    public String accountId() {
        return accountId;
    }

    public static boolean isSystem(String accountId) {
        return accountId.startsWith("system:");
    }
}
