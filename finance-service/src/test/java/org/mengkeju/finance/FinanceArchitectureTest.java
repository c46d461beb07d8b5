package org.mengkeju.finance;

import org.mengkeju.platform.test.ServiceArchitectureTest;

class FinanceArchitectureTest extends ServiceArchitectureTest {
}
