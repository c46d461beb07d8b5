package org.mengkeju.finance;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class FinanceServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/finance";
    }
}
