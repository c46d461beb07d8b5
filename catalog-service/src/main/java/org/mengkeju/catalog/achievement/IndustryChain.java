package org.mengkeju.catalog.achievement;

/** The region's industry clusters and key industry chains (重点产业链) a result belongs to. */
public enum IndustryChain {
    /** 稀土 */ RARE_EARTHS,
    /** 乳业 */ DAIRY,
    /** 草业 */ GRASS,
    /** 种业 */ SEEDS,
    /** 能源 */ ENERGY,
    /** 新能源 */ NEW_ENERGY,
    /** 氢能 */ HYDROGEN,
    /** 储能 */ ENERGY_STORAGE,
    /** 新材料 */ NEW_MATERIALS,
    /** 生物医药 */ BIOMEDICINE,
    /** 装备制造 */ EQUIPMENT_MANUFACTURING,
    /** 煤化工 */ COAL_CHEMICALS,
    /** 人工智能 */ ARTIFICIAL_INTELLIGENCE,
    /** 低空经济 */ LOW_ALTITUDE_ECONOMY,
    /** 现代农牧业 */ MODERN_AGRICULTURE,
    /** 生态环保 */ ECOLOGY_ENVIRONMENT
}
