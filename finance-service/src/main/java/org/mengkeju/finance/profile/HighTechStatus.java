package org.mengkeju.finance.profile;

import java.time.LocalDate;

/**
 * The enterprise's recognition as a high-technology enterprise (高新技术企业), as an operator recorded it from the
 * certificate: it counts until the local day it expires.
 */
public record HighTechStatus(String certificateNumber, LocalDate validUntil, String recordedBy) {
}
