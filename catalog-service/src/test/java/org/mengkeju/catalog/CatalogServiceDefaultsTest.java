package org.mengkeju.catalog;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.mengkeju.catalog.trading.TradingFixtures;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
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

    @Autowired
    ApplicationContext service;

    /** The examples' lots, at auction and in publication, as the walk of the document expects them. */
    @BeforeEach
    void seedTheExamplesLots() {
        TradingFixtures.seedExamples(service, Instant.now());
    }

    /**
     * Only a sub-center uploads its listings; buyers register, bid and object as the examples' buyer; everything
     * else is walked as an operator.
     */
    @Override
    protected String[] documentedApiCaller(String operationId) {
        if ("uploadListings".equals(operationId)) {
            return new String[] {IdentityToken.HEADER, TestIdentities.token(
                    new CallerIdentity("ordos-center", Role.SUB_CENTER, null, "150600"))};
        }
        if (Set.of("registerForLot", "placeBid", "fileObjection").contains(operationId)) {
            return new String[] {IdentityToken.HEADER, TestIdentities.partner(TradingFixtures.EXAMPLE_BUYER)};
        }
        return documentedApiCaller();
    }

    /** In the role matrix, the partner registering and bidding is the examples' buyer, not the listing's owner. */
    @Override
    protected String[] roleMatrixCaller(String operationId, String role) {
        if ("PARTNER".equals(role) && Set.of("registerForLot", "placeBid").contains(operationId)) {
            return new String[] {IdentityToken.HEADER, TestIdentities.partner(TradingFixtures.EXAMPLE_BUYER)};
        }
        return super.roleMatrixCaller(operationId, role);
    }
}
