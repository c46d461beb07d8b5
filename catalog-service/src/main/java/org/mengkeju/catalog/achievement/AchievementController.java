package org.mengkeju.catalog.achievement;

import java.net.URI;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.catalog.achievement.AchievementRequests.AchievementView;
import org.mengkeju.catalog.achievement.AchievementRequests.CreateAchievement;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of the achievements catalog: translation only, no rules. */
@RestController
@Validated
@RequestMapping("/api/v1/catalog/achievements")
class AchievementController {

    private final AchievementCatalog catalog;
    private final IdempotentRequests idempotentRequests;

    AchievementController(AchievementCatalog catalog, IdempotentRequests idempotentRequests) {
        this.catalog = catalog;
        this.idempotentRequests = idempotentRequests;
    }

    /**
     * Lists a new draft achievement; a retry with the same Idempotency-Key gets the first response as it was sent
     * (status and body), even if the listing changed since.
     */
    @PostMapping
    ResponseEntity<AchievementView> create(CallerIdentity caller,
            @RequestHeader("Idempotency-Key") @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}",
                    message = "must be 1 to 100 letters, digits or . _ : -") String idempotencyKey,
            @Valid @RequestBody CreateAchievement request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey, RequestFingerprint.of(request),
                AchievementView.class, () -> {
                    var created = catalog.create(caller, idempotencyKey, request.ownerInstitutionId(),
                            request.details());
                    Achievement achievement = created.achievement();
                    return ResponseEntity.created(URI.create("/api/v1/catalog/achievements/" + achievement.id()))
                            .body(AchievementView.of(achievement));
                });
    }

    @GetMapping("/{id}")
    AchievementView get(CallerIdentity caller, @PathVariable String id) {
        return AchievementView.of(catalog.get(caller, id));
    }

    /** Publishes the listing; repeating the call returns the published listing unchanged. */
    @PostMapping("/{id}/publish")
    AchievementView publish(CallerIdentity caller, @PathVariable String id) {
        return AchievementView.of(catalog.publish(caller, id));
    }
}
