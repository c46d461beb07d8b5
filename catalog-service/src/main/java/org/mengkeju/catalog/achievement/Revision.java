package org.mengkeju.catalog.achievement;

import java.time.Instant;
import java.util.List;

/**
 * One revision of a listing's content (修改记录): who changed which fields, when, and the content as it was before.
 *
 * @param version       the listing's version the revision produced
 * @param changedFields the names of the fields that changed, as the API spells them
 * @param before        the whole content before the revision
 */
public record Revision(long version, String actor, Instant at, List<String> changedFields,
        AchievementDetails before) {
}
