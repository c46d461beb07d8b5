package org.mengkeju.matching;

import org.mengkeju.platform.test.ServiceArchitectureTest;

class MatchingArchitectureTest extends ServiceArchitectureTest {
}
