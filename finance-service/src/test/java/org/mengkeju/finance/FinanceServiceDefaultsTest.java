package org.mengkeju.finance;

import java.util.Set;

import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceDefaultsTest;

class FinanceServiceDefaultsTest extends ServiceDefaultsTest {

    /** The bank the examples' products and leads belong to, and the enterprise that applies in them. */
    static final String EXAMPLE_BANK = "boimc";
    static final String EXAMPLE_APPLICANT = "btre-sulfide";
    /** The enterprise the consent examples name. */
    static final String EXAMPLE_CONSENTING = "nmg-jinyu-biotech";
    static final Set<String> CONSENTING_OPERATIONS = Set.of("grantConsent", "withdrawConsent", "getEnterpriseProfile");
    static final Set<String> AS_BANK = Set.of("publishProduct", "listProducts", "getProduct", "reviseProduct",
            "pullLeads", "getLead", "reportLeadOutcome", "registerLeadWebhook", "getLeadWebhook", "removeLeadWebhook");

    @Override
    protected String apiArea() {
        return "/api/v1/finance";
    }

    /**
     * The examples are walked as their callers: the bank publishes, revises and reads its product and pulls and
     * works its leads; an enterprise applies; operators do the rest (consent on a signed form, certificates, funds,
     * figures).
     */
    @Override
    protected String[] documentedApiCaller(String operationId) {
        if (AS_BANK.contains(operationId)) {
            return new String[] {IdentityToken.HEADER, FinanceFixtures.bank(EXAMPLE_BANK)};
        }
        if (operationId.equals("applyForProduct")) {
            return new String[] {IdentityToken.HEADER, FinanceFixtures.enterprise(EXAMPLE_APPLICANT)};
        }
        return documentedApiCaller();
    }

    /**
     * In the role matrix the finance institution is the examples' bank and the partner the examples' enterprise: the
     * one whose consent and profile the examples name, and the applicant elsewhere.
     */
    @Override
    protected String[] roleMatrixCaller(String operationId, String role) {
        return switch (role) {
            case "FINANCE_INSTITUTION" -> new String[] {IdentityToken.HEADER, FinanceFixtures.bank(EXAMPLE_BANK)};
            case "PARTNER" -> new String[] {IdentityToken.HEADER, FinanceFixtures.enterprise(
                    CONSENTING_OPERATIONS.contains(operationId) ? EXAMPLE_CONSENTING : EXAMPLE_APPLICANT)};
            default -> super.roleMatrixCaller(operationId, role);
        };
    }
}
