package org.mengkeju.contract;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceDefaultsTest;
import org.mengkeju.platform.test.TestIdentities;

class ContractServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/contract";
    }

    /**
     * The documented examples are walked as a registration institution of Hohhot: it may key in the example
     * contract (its seller is in Hohhot) and take it up for review.
     */
    @Override
    protected String[] documentedApiCaller() {
        return new String[] {IdentityToken.HEADER, TestIdentities.token(
                new CallerIdentity("tcr-150100-01-desk", Role.OPERATOR, "tcr-150100-01", "150100"))};
    }

    /** The matrix submits a contract of its own: the example's is submitted once, by the document walk. */
    @Override
    protected String[] roleMatrixBody(String operationId, String example) {
        return "submitContract".equals(operationId)
                ? new String[] {"application/json", example.replace("独占许可合同", "独占许可合同（续签）")}
                : null;
    }

    /** In the role matrix the operator is that registration institution too: it decides on the contract. */
    @Override
    protected String[] roleMatrixCaller(String operationId, String role) {
        return "OPERATOR".equals(role) ? documentedApiCaller() : super.roleMatrixCaller(operationId, role);
    }
}
