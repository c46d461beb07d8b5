package org.mengkeju.finance.profile;

import java.time.Instant;

/**
 * The enterprise's consent to share its profile with finance institutions (授权). Without it no lead is opened;
 * withdrawing it takes every lead of the enterprise away from the institutions. {@code settled} is false while
 * a withdrawal is still being carried to the leads (a crash in between is finished by the sweep).
 */
public record Consent(boolean granted, Instant changedAt, String changedBy, boolean settled) {
}
