package org.mengkeju.matching.market;

/**
 * The region's industry clusters and key industry chains (重点产业链) a demand or an achievement belongs to. The names
 * are the catalog's, as its events carry them; {@link #label} is how a reason reads to a broker.
 */
public enum IndustryChain {
    RARE_EARTHS("稀土"),
    DAIRY("乳业"),
    GRASS("草业"),
    SEEDS("种业"),
    ENERGY("能源"),
    NEW_ENERGY("新能源"),
    HYDROGEN("氢能"),
    ENERGY_STORAGE("储能"),
    NEW_MATERIALS("新材料"),
    BIOMEDICINE("生物医药"),
    EQUIPMENT_MANUFACTURING("装备制造"),
    COAL_CHEMICALS("煤化工"),
    ARTIFICIAL_INTELLIGENCE("人工智能"),
    LOW_ALTITUDE_ECONOMY("低空经济"),
    MODERN_AGRICULTURE("现代农牧业"),
    ECOLOGY_ENVIRONMENT("生态环保");

    private final String label;

    IndustryChain(String label) {
        this.label = label;
    }

    /** The chain's Chinese name, e.g. 稀土. */
    public String label() {
        return label;
    }

    /** The chain named {@code name} in an event, or null when this service does not know it (a newer catalog). */
    public static IndustryChain byNameOrNull(String name) {
        for (IndustryChain chain : values()) {
            if (chain.name().equals(name)) {
                return chain;
            }
        }
        return null;
    }
}
