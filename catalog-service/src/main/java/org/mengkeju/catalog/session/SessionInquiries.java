package org.mengkeju.catalog.session;

import java.util.Map;

/**
 * The inquiries a session brought in, as the inquiry feature counts them. Inquiries name the session they came from,
 * so that feature knows sessions; this interface lets a session's results count them without knowing inquiries back.
 */
public interface SessionInquiries {

    /** How many inquiries named {@code sessionId}, per achievement asked about; absent achievements had none. */
    Map<String, Long> countedByAchievement(String sessionId);
}
