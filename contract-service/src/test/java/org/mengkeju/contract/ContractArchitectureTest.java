package org.mengkeju.contract;

import org.mengkeju.platform.test.ServiceArchitectureTest;

class ContractArchitectureTest extends ServiceArchitectureTest {
}
