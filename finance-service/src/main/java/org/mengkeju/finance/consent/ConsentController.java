package org.mengkeju.finance.consent;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.finance.consent.ConsentRequests.ProfileView;
import org.mengkeju.finance.consent.ConsentRequests.RecordHighTech;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of enterprise profiles and consent: translation only, no rules. */
@RestController
@Validated
@Tag(name = "Enterprise profiles", description = "企业画像 and 授权: the profile built from the platform's events, "
        + "the enterprise's consent to share it, its high-tech certificate")
@RequestMapping("/api/v1/finance/enterprises")
class ConsentController {

    private static final String ENTERPRISE = "[a-z0-9][a-z0-9-]{1,63}";
    private static final String ENTERPRISE_MESSAGE = "must be an institution id";

    private final ConsentDesk desk;
    private final Clock clock;

    ConsentController(ConsentDesk desk, Clock clock) {
        this.desk = desk;
        this.clock = clock;
    }

    @PutMapping("/{enterpriseId}/consent")
    @Operation(operationId = "grantConsent", summary = "Consent to share the profile with finance institutions",
            description = "By the enterprise (a partner client acting for it) or an operator recording its signed "
                    + "form. The profile is qualified against every product on offer at once.")
    @ApiResponse(responseCode = "200", description = "The profile with its consent.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = ConsentExamples.PROFILE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the enterprise or an operator decides on its consent.")
    ProfileView grant(CallerIdentity caller,
            @Parameter(description = "The enterprise's institution id.", example = ConsentExamples.EXAMPLE_ENTERPRISE)
            @PathVariable @Pattern(regexp = ENTERPRISE, message = ENTERPRISE_MESSAGE) String enterpriseId) {
        return ProfileView.of(desk.grant(caller, enterpriseId), clock.instant());
    }

    @DeleteMapping("/{enterpriseId}/consent")
    @Operation(operationId = "withdrawConsent", summary = "Withdraw consent to share the profile",
            description = "Every lead of the enterprise is taken from the institutions: their feeds show it once "
                    + "more as removed, without anything about the enterprise, and they can no longer read it. No "
                    + "lead is opened until consent is given again. Emits LeadStatusChanged (WITHDRAWN) per lead.")
    @ApiResponse(responseCode = "200", description = "The profile, without consent.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = ConsentExamples.PROFILE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only the enterprise or an operator decides on its consent.")
    ProfileView withdraw(CallerIdentity caller,
            @Parameter(description = "The enterprise's institution id.", example = ConsentExamples.EXAMPLE_ENTERPRISE)
            @PathVariable @Pattern(regexp = ENTERPRISE, message = ENTERPRISE_MESSAGE) String enterpriseId) {
        return ProfileView.of(desk.withdraw(caller, enterpriseId), clock.instant());
    }

    @GetMapping("/{enterpriseId}/profile")
    @Operation(operationId = "getEnterpriseProfile", summary = "Read an enterprise's profile",
            description = "For the enterprise itself and operators: its registered contracts, achievements and "
                    + "points as the platform's events built them, the facts rules test today, and its consent. "
                    + "Institutions see a profile only through their leads.")
    @ApiResponse(responseCode = "200", description = "The profile.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = ConsentExamples.PROFILE_EXAMPLE)))
    ProfileView profile(CallerIdentity caller,
            @Parameter(description = "The enterprise's institution id.", example = ConsentExamples.EXAMPLE_ENTERPRISE)
            @PathVariable @Pattern(regexp = ENTERPRISE, message = ENTERPRISE_MESSAGE) String enterpriseId) {
        return ProfileView.of(desk.profile(caller, enterpriseId), clock.instant());
    }

    @PutMapping("/{enterpriseId}/high-tech")
    @Operation(operationId = "recordHighTechCertificate", summary = "Record a high-tech enterprise certificate",
            description = "An operator records the 高新技术企业 certificate it checked; it counts until `validUntil`.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RecordHighTech.class),
                    examples = @ExampleObject(name = "certificate", value = ConsentExamples.HIGH_TECH_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "The profile.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ProfileView.class),
            examples = @ExampleObject(name = "profile", value = ConsentExamples.PROFILE_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators record certificates.")
    ProfileView recordHighTech(CallerIdentity caller,
            @Parameter(description = "The enterprise's institution id.", example = ConsentExamples.EXAMPLE_ENTERPRISE)
            @PathVariable @Pattern(regexp = ENTERPRISE, message = ENTERPRISE_MESSAGE) String enterpriseId,
            @Valid @RequestBody RecordHighTech request) {
        return ProfileView.of(desk.recordHighTech(caller, enterpriseId, request.certificateNumber(),
                request.validUntil()), clock.instant());
    }
}
