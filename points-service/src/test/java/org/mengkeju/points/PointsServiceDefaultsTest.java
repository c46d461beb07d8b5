package org.mengkeju.points;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class PointsServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/points";
    }
}
