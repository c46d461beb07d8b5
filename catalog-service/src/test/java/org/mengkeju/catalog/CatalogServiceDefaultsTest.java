package org.mengkeju.catalog;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceDefaultsTest;
import org.mengkeju.platform.test.TestIdentities;

class CatalogServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/catalog";
    }

    /** Only a sub-center uploads its listings; everything else is walked as an operator. */
    @Override
    protected String[] documentedApiCaller(String operationId) {
        if ("uploadListings".equals(operationId)) {
            return new String[] {IdentityToken.HEADER, TestIdentities.token(
                    new CallerIdentity("ordos-center", Role.SUB_CENTER, null, "150600"))};
        }
        return documentedApiCaller();
    }
}
