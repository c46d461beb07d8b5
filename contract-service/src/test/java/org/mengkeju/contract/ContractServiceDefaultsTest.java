package org.mengkeju.contract;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class ContractServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/contract";
    }
}
