package org.mengkeju.finance.profile;

import java.util.List;

/**
 * An achievement (科技成果) the enterprise owns, at the newest version of it the profile saw.
 *
 * @param grantedPatents the numbers of the granted patents in force behind it (已授权专利); empty when none, or when the
 *                       catalog's event did not say
 */
public record AchievementFact(String achievementId, String status, long version, List<String> grantedPatents) {

    public AchievementFact {
        grantedPatents = grantedPatents == null ? List.of() : List.copyOf(grantedPatents);
    }
}
