package org.mengkeju.catalog.achievement;

/**
 * How far a result has come from the lab (成熟度), with the technology readiness levels (TRL, GB/T 22900) each stage
 * may claim. The ranges overlap at the seams on purpose: a pilot that ran in a real plant is TRL 6 or 7 depending on
 * who assesses it. Pilot-stage deals can be covered by pilot insurance.
 */
public enum Maturity {
    /** 实验室阶段: principle to lab validation. */
    LAB(1, 4),
    /** 中试阶段: pilot line, real conditions. */
    PILOT(4, 7),
    /** 小批量生产: first production runs. */
    SMALL_BATCH(6, 8),
    /** 产业化: in production and sold. */
    INDUSTRIALISED(8, 9);

    private final int lowestTrl;
    private final int highestTrl;

    Maturity(int lowestTrl, int highestTrl) {
        this.lowestTrl = lowestTrl;
        this.highestTrl = highestTrl;
    }

    public boolean admits(int trl) {
        return trl >= lowestTrl && trl <= highestTrl;
    }

    public int lowestTrl() {
        return lowestTrl;
    }

    public int highestTrl() {
        return highestTrl;
    }
}
