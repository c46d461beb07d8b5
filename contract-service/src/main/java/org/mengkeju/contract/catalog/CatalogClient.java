package org.mengkeju.contract.catalog;

import feign.Param;
import feign.RequestLine;
import org.springframework.cloud.openfeign.FeignClient;

/**
 * catalog-service's achievements, read over HTTP through the gateway with contract-service's own API key. Feign's
 * own annotations describe the call (not Spring MVC's), so that the check stays free of the web stack.
 */
@FeignClient(name = "catalog", url = "${mengkeju.contract.catalog.url}",
        configuration = CatalogClientConfiguration.class)
interface CatalogClient {

    /** The achievement as the catalog shows it (JSON); a 404 when the catalog does not know it. */
    @RequestLine("GET /api/v1/catalog/achievements/{id}")
    String achievement(@Param("id") String id);
}
