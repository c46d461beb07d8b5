package org.mengkeju.matching.market;

/** How far a result has come from the lab (成熟度), in order: a later stage satisfies a demand for an earlier one. */
public enum Maturity {
    LAB("实验室阶段"),
    PILOT("中试阶段"),
    SMALL_BATCH("小批量生产"),
    INDUSTRIALISED("产业化");

    private final String label;

    Maturity(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** Whether a result at this stage is as far along as {@code wanted}. */
    public boolean satisfies(Maturity wanted) {
        return wanted == null || compareTo(wanted) >= 0;
    }

    /** The maturity named {@code name} in an event, or null when this service does not know it. */
    public static Maturity byNameOrNull(String name) {
        for (Maturity maturity : values()) {
            if (maturity.name().equals(name)) {
                return maturity;
            }
        }
        return null;
    }
}
