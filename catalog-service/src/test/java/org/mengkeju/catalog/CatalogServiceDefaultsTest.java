package org.mengkeju.catalog;

import org.mengkeju.platform.test.ServiceDefaultsTest;

class CatalogServiceDefaultsTest extends ServiceDefaultsTest {

    @Override
    protected String apiArea() {
        return "/api/v1/catalog";
    }
}
