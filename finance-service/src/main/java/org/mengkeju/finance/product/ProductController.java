package org.mengkeju.finance.product;

import java.net.URI;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.finance.product.ProductRequests.ProductPage;
import org.mengkeju.finance.product.ProductRequests.ProductView;
import org.mengkeju.finance.product.ProductRequests.PublishProduct;
import org.mengkeju.finance.product.ProductRequests.ReviseProduct;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of financing products: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Financing products", description = "金融产品: loans and insurance finance institutions publish, with "
        + "eligibility rules as data, versioned")
@RequestMapping("/api/v1/finance")
class ProductController {

    static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,100}";
    static final String KEY_MESSAGE = "must be 1 to 100 letters, digits or . _ : -";

    private final ProductShelf shelf;
    private final IdempotentRequests idempotentRequests;

    ProductController(ProductShelf shelf, IdempotentRequests idempotentRequests) {
        this.shelf = shelf;
        this.idempotentRequests = idempotentRequests;
    }

    @PostMapping("/products")
    @Operation(operationId = "publishProduct", summary = "Publish a financing product",
            description = "A finance institution publishes a product for itself: type, amount range, term, rate "
                    + "range and eligibility rules. A rule naming an unknown profile field, a negative or zero "
                    + "amount, or a rate above 100% is a 400 naming the field. Every consenting enterprise profile "
                    + "is then qualified against it; those that satisfy the rules become leads.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PublishProduct.class),
                    examples = @ExampleObject(name = "ip-pledge-loan", value = ProductExamples.PUBLISH_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Published, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new product.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ProductView.class),
                    examples = @ExampleObject(name = "published", value = ProductExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only finance institutions publish products.")
    ResponseEntity<ProductView> publish(CallerIdentity caller,
            @Parameter(description = "Your own key for this product: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "boimc-ip-pledge-2026")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody PublishProduct request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of("product", request),
                ProductView.class, () -> {
                    FinancingProduct product = shelf.publish(caller, request.type(), request.name(), request.terms(),
                            request.rules());
                    return ResponseEntity.created(URI.create("/api/v1/finance/products/" + product.id()))
                            .body(ProductView.of(product));
                });
    }

    @GetMapping("/products")
    @Operation(operationId = "listProducts", summary = "Page through financing products",
            description = "A finance institution sees its own products; enterprises, brokers and sub-centers the "
                    + "products on offer; operators all. In id order; pass `next` as `after`.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ProductPage.class),
            examples = @ExampleObject(name = "page", value = ProductExamples.PAGE_EXAMPLE)))
    ProductPage list(CallerIdentity caller,
            @Parameter(description = "The `next` of the previous page.", example = ProductExamples.EXAMPLE_ID)
            @RequestParam(required = false) @Pattern(regexp = FinancingProduct.ID_PATTERN,
                    message = "must be a product id") String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(ProductShelf.MAX_PAGE) int limit) {
        return ProductPage.of(shelf.list(caller, after, limit), limit);
    }

    @GetMapping("/products/{productId}")
    @Operation(operationId = "getProduct", summary = "Read a financing product",
            description = "Another finance institution's product does not exist for a finance institution (404).")
    @ApiResponse(responseCode = "200", description = "The product.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProductView.class),
            examples = @ExampleObject(name = "product", value = ProductExamples.VIEW_EXAMPLE)))
    ProductView get(CallerIdentity caller,
            @Parameter(description = "The product's id.", example = ProductExamples.EXAMPLE_ID)
            @PathVariable String productId) {
        return ProductView.of(shelf.get(caller, productId));
    }

    @PutMapping("/products/{productId}")
    @Operation(operationId = "reviseProduct", summary = "Publish a product's next version",
            description = "The institution that published the product replaces its name, terms and rules; the "
                    + "version goes up by one. Leads keep the version they qualified under; consenting profiles are "
                    + "qualified against the new rules at once (`requalifiedVersion` catches up when done).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ReviseProduct.class),
                    examples = @ExampleObject(name = "raised-maximum", value = ProductExamples.REVISE_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The new version.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProductView.class),
            examples = @ExampleObject(name = "product", value = ProductExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the institution that published it changes a product.")
    ProductView revise(CallerIdentity caller,
            @Parameter(description = "The product's id.", example = ProductExamples.EXAMPLE_ID)
            @PathVariable String productId,
            @Valid @RequestBody ReviseProduct request) {
        return ProductView.of(shelf.revise(caller, productId, request.name(), request.terms(), request.rules()));
    }
}
