package org.mengkeju.finance.product;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The facts of an enterprise profile an eligibility rule may name. Each fact has a kind, which says which test a
 * condition on it uses: a number is tested with {@code atLeast}, a flag with {@code is}, a code with {@code in}.
 * A rule naming anything else is refused when the product is saved.
 */
public enum ProfileField {
    /** Recognised high-technology enterprise (高新技术企业) with a certificate in force. */
    HIGH_TECH_ENTERPRISE(Kind.FLAG, "高新技术企业"),
    /** Registered technology contracts (登记技术合同) with the enterprise as a party, in the last 12 months. */
    REGISTERED_CONTRACTS_12M(Kind.COUNT, "近12个月登记技术合同份数"),
    /** The technology transaction amount (技术交易额) of those contracts, yuan. */
    TECHNOLOGY_TRANSACTION_AMOUNT_12M(Kind.AMOUNT, "近12个月技术交易额（元）"),
    /** Achievements (科技成果) of the enterprise that are public in the catalog (published, negotiated or sold). */
    PUBLISHED_ACHIEVEMENTS(Kind.COUNT, "已发布科技成果数"),
    /** Achievements of the enterprise that were transacted (sold under a registered contract). */
    TRANSACTED_ACHIEVEMENTS(Kind.COUNT, "已成交科技成果数"),
    /**
     * Granted patents in force (已授权有效专利: invention, utility model or design) behind the enterprise's listings
     * that are not withdrawn or rejected, each patent counted once.
     */
    GRANTED_PATENTS(Kind.COUNT, "已授权有效专利数"),
    /** Innovation points (创新积分) posted to the enterprise. */
    INNOVATION_POINTS(Kind.COUNT, "创新积分"),
    /** The league-city (盟市) of the enterprise, a six-digit division code such as 150200 (Baotou). */
    REGION(Kind.CODE, "所在盟市"),
    /** What kind of institution it is in the catalog: ENTERPRISE, PUBLIC_UNIVERSITY, … */
    INSTITUTION_TYPE(Kind.CODE, "主体类型");

    /** How a condition tests a fact. */
    public enum Kind {
        FLAG, COUNT, AMOUNT, CODE
    }

    private final Kind kind;
    private final String label;

    ProfileField(Kind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public Kind kind() {
        return kind;
    }

    /** The fact's name as the reasons of a lead say it to a loan officer. */
    public String label() {
        return label;
    }

    public static Optional<ProfileField> named(String name) {
        return Arrays.stream(values()).filter(f -> f.name().equals(name)).findFirst();
    }

    public static String known() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
