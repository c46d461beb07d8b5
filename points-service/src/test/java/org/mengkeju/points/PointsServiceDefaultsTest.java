package org.mengkeju.points;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class PointsServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/points";
    }

    /** The matrix posts (and reverses) a transfer of its own: the example's is the document walk's. */
    @Override
    protected String[] roleMatrixBody(String operationId, String example) {
        return example != null && example.contains("adjustment-2026-0001")
                ? new String[] {"application/json", example.replace("adjustment-2026-0001", "adjustment-2026-0901")}
                : null;
    }
}
