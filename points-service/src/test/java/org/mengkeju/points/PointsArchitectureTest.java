package org.mengkeju.points;

import org.mengkeju.platform.test.ServiceArchitectureTest;

class PointsArchitectureTest extends ServiceArchitectureTest {
}
