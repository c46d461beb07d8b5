package org.mengkeju.catalog;

import org.mengkeju.platform.test.ServiceArchitectureTest;

class CatalogArchitectureTest extends ServiceArchitectureTest {
}
