package org.mengkeju.matching;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class MatchingServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/matching";
    }
}
