package org.mengkeju.catalog.institution;

import java.net.URI;
import java.util.List;

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
import org.mengkeju.catalog.institution.InstitutionRequests.InstitutionPage;
import org.mengkeju.catalog.institution.InstitutionRequests.InstitutionView;
import org.mengkeju.catalog.institution.InstitutionRequests.RegisterInstitution;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the institution registry: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Institutions", description = "成果持有单位: the universities, institutes and enterprises that own achievements")
@RequestMapping("/api/v1/catalog/institutions")
class InstitutionController {

    private final InstitutionRegistry registry;

    InstitutionController(InstitutionRegistry registry) {
        this.registry = registry;
    }

    @PostMapping
    @Operation(operationId = "registerInstitution", summary = "Register an institution",
            description = "Operators register any institution; a sub-center those of its own league-city. The id is "
                    + "the one the institution's API clients act for. Repeating the same registration returns it "
                    + "unchanged (200); the same id with other facts, or a credit code already registered, is a 409.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RegisterInstitution.class),
                    examples = @ExampleObject(name = "imut", value = InstitutionExamples.REGISTER_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Registered.", headers = @Header(name = "Location",
            description = "The new institution.", schema = @Schema(type = "string")),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InstitutionView.class),
                    examples = @ExampleObject(name = "imut", value = InstitutionExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "200", description = "Already registered with the same facts; returned unchanged.",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InstitutionView.class),
                    examples = @ExampleObject(name = "imut", value = InstitutionExamples.VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not an operator, or a sub-center outside its region.")
    @ApiResponse(responseCode = "409", description = "The id or the credit code is registered with other facts.")
    ResponseEntity<InstitutionView> register(CallerIdentity caller, @Valid @RequestBody RegisterInstitution request) {
        var registered = registry.register(caller, request.id(), request.name(), request.creditCode(),
                request.type(), request.regionCode());
        InstitutionView view = InstitutionView.of(registered.institution());
        return registered.created()
                ? ResponseEntity.created(URI.create("/api/v1/catalog/institutions/" + view.id())).body(view)
                : ResponseEntity.status(HttpStatus.OK).body(view);
    }

    @GetMapping("/{institutionId}")
    @Operation(operationId = "getInstitution", summary = "Read an institution",
            description = "Institutions are public: every client reads them.")
    @ApiResponse(responseCode = "200", description = "The institution.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = InstitutionView.class),
            examples = @ExampleObject(name = "imut", value = InstitutionExamples.VIEW_EXAMPLE)))
    InstitutionView get(@Parameter(description = "The institution's id.", example = InstitutionExamples.EXAMPLE_ID)
            @PathVariable String institutionId) {
        return InstitutionView.of(registry.get(institutionId));
    }

    @GetMapping
    @Operation(operationId = "listInstitutions", summary = "Page through institutions",
            description = "In id order; pass the `next` of a page as `after` to get the following one.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = InstitutionPage.class),
            examples = @ExampleObject(name = "page", value = InstitutionExamples.PAGE_EXAMPLE)))
    InstitutionPage list(
            @Parameter(description = "Only this league-city (six-digit code).", example = "150100")
            @RequestParam(required = false) @Pattern(regexp = "^[0-9]{6}$", message = "must be six digits")
            String region,
            @Parameter(description = "The `next` of the previous page.", example = "imau")
            @RequestParam(required = false) @Pattern(regexp = "^[a-z0-9-]{1,64}$",
                    message = "must be an institution id") String after,
            @Parameter(description = "Page size, 1 to 200.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(InstitutionRegistry.MAX_PAGE) int limit) {
        List<InstitutionView> items = registry.list(region, after, limit).stream().map(InstitutionView::of).toList();
        String next = items.size() == limit ? items.getLast().id() : null;
        return new InstitutionPage(items, next);
    }
}
