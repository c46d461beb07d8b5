package org.mengkeju.points.ledger;

/** Who holds an account, and the ledger code every account of that kind carries. */
public enum AccountKind {
    /** A university, institute or enterprise (机构) earning and redeeming points. */
    INSTITUTION(100),
    /** A registered person (注册用户), e.g. an inventor or a technology broker. */
    USER(200),
    /** One of the platform's own accounts, where points come from and go to; never redeemed. */
    SYSTEM(900);

    private final int code;

    AccountKind(int code) {
        this.code = code;
    }

    /** The account code of the kind, stored with every account (as TigerBeetle's {@code code}). */
    public int code() {
        return code;
    }
}
