package org.mengkeju.finance.profile;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Points one ledger transfer posted to (positive) or took from (negative) an enterprise's account, in a document of
 * its own beside the profile: every award adds one, and a profile document holding them all grew without end.
 *
 * @param id           the enterprise and the transfer ({@link Profiles#entryKey})
 * @param enterpriseId the holder whose profile counts them
 * @param transferId   the ledger transfer
 */
@Document(Profiles.POINTS)
record RecordedPoints(@Id String id, @Indexed String enterpriseId, String transferId, long points) {
}
