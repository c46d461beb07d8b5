package org.mengkeju.matching.challenge;

/** Where a team's application (揭榜申请) is: received, on the poster's shortlist, chosen, or passed over. */
public enum ApplicationStatus {
    SUBMITTED,
    SHORTLISTED,
    CHOSEN,
    NOT_CHOSEN
}
