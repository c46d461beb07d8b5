package org.mengkeju.catalog.achievement;

/** How far a result has come from the lab (成熟度). Pilot-stage deals can be covered by pilot insurance. */
public enum Maturity {
    /** 实验室阶段 */
    LAB,
    /** 中试阶段 */
    PILOT,
    /** 小批量生产 */
    SMALL_BATCH,
    /** 产业化 */
    INDUSTRIALISED
}
