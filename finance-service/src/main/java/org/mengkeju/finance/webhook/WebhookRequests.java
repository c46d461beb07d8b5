package org.mengkeju.finance.webhook;

import java.time.Instant;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The HTTP shapes of the webhook API. */
final class WebhookRequests {

    private WebhookRequests() {
    }

    /** Where to push, and optionally from which feed position. */
    record RegisterWebhook(
            @Schema(description = "An https address that accepts POST.") @NotBlank @Size(max = 2000) String url,
            @Schema(description = "A lead-feed cursor (a feed page's `next`) to push from; by default what "
                    + "changes from now on.") @Size(max = 200) String after) {
    }

    @Schema(description = "A webhook as registered; `secret` only in the answer that issued it.")
    record WebhookView(
            String institutionId,
            String url,
            @Schema(description = "The signing secret, shown once: keep it; a new registration issues a new one.")
            String secret,
            @Schema(description = "The header each push is signed in: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "
                    + "\"<t>.<body>\" with the secret>`; refuse a `t` more than 5 minutes away.")
            String signatureHeader,
            @Schema(description = "The lead-feed position pushed up to; pull from it to catch up.") String cursor,
            int failures,
            String lastError,
            Instant lastFailureAt,
            Instant lastDeliveredAt,
            long deliveredBatches,
            Instant nextAttemptAt,
            Instant registeredAt) {

        static WebhookView of(LeadWebhook hook, String secret) {
            return new WebhookView(hook.institutionId(), hook.url().toString(), secret, WebhookSignature.HEADER,
                    hook.cursor(), hook.failures(), hook.lastError(), hook.lastFailureAt(), hook.lastDeliveredAt(),
                    hook.deliveredBatches(), hook.nextAttemptAt(), hook.registeredAt());
        }
    }
}
