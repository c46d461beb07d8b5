package org.mengkeju.finance.profile;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An achievement of an enterprise as its profile counts it, in a document of its own beside the profile: an owner may
 * list thousands (a sub-center's upload brings ten thousand at once), and one profile document holding them all was
 * rewritten whole, and read whole for qualification, at every change of any one of them.
 *
 * @param id           the enterprise and the achievement ({@link Profiles#entryKey})
 * @param enterpriseId the owner, whose profile counts it
 */
@Document(Profiles.ACHIEVEMENTS)
record RecordedAchievement(@Id String id, @Indexed String enterpriseId, String achievementId, String status,
        long version, List<String> grantedPatents) {

    AchievementFact fact() {
        return new AchievementFact(achievementId, status, version, grantedPatents);
    }
}
