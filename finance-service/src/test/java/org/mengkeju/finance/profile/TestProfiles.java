package org.mengkeju.finance.profile;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** Profiles for unit tests of other features, as the events would have built them. */
public final class TestProfiles {

    private TestProfiles() {
    }

    /** A consenting high-tech enterprise of Baotou with nothing else on record. */
    public static EnterpriseProfile highTech(String enterpriseId, Instant now) {
        return new EnterpriseProfile(enterpriseId, "包头稀土硫化物新材料有限公司", "91150200MA0Q3XK21B", "150200",
                "ENTERPRISE", Map.of(), Map.of(), Map.of(), new HighTechStatus("GR202415000123",
                        LocalDate.of(2027, 10, 31), "ops-console"), new Consent(true, now, "btre-tto", true), now);
    }
}
