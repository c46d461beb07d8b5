package org.mengkeju.matching.challenge;

/** Where a challenge list is: taking applications (until its deadline), or awarded to the team chosen. */
public enum ChallengeStatus {
    OPEN,
    AWARDED
}
