package org.mengkeju.catalog.inquiry;

/**
 * The side that asks: the client that asked, and the party that sees the thread with it.
 *
 * @param clientId      the API client that asked
 * @param role          what that client is on the platform, as the events name it
 * @param institutionId the institution it acts for, or null
 * @param party         who the buying side is: an institution (every client acting for it), a single client, or
 *                      the platform's service desk; see the application service for how it is derived
 */
public record Buyer(String clientId, String role, String institutionId, String party) {
}
