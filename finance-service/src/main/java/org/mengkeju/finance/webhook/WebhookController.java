package org.mengkeju.finance.webhook;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.mengkeju.finance.webhook.WebhookRequests.RegisterWebhook;
import org.mengkeju.finance.webhook.WebhookRequests.WebhookView;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** HTTP adapter of a finance institution's webhook: translation only, no rules. */
@RestController
@Tag(name = "Webhook", description = "推送: a finance institution's new and changed leads pushed to its own address, "
        + "signed; the lead feed stays the source of truth")
@RequestMapping("/api/v1/finance/webhook")
class WebhookController {

    private final WebhookDesk desk;

    WebhookController(WebhookDesk desk) {
        this.desk = desk;
    }

    @PutMapping
    @Operation(operationId = "registerLeadWebhook", summary = "Register or replace your webhook",
            description = "A finance institution, for itself. Each page of your lead feed (the body of `GET "
                    + "/api/v1/finance/leads`) is POSTed to `url` as it becomes ready, signed in "
                    + "`X-Mengkeju-Signature` with the secret this answer shows once; `X-Mengkeju-Delivery` names the "
                    + "first position. Answer 2xx to move on; anything else is retried after 1 s, 2 s, 4 s ... up to "
                    + "10 minutes, the same page again. A page may come twice (after a crash): the positions tell. "
                    + "Registering again replaces the address and issues a new secret.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RegisterWebhook.class),
                    examples = @ExampleObject(name = "bank", value = WebhookExamples.REGISTER_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "Registered, with the signing secret.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhookView.class),
            examples = @ExampleObject(name = "registered", value = WebhookExamples.REGISTERED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Not an https address, or not a cursor of your feed.")
    @ApiResponse(responseCode = "403", description = "Only finance institutions have webhooks.")
    WebhookView register(CallerIdentity caller, @Valid @RequestBody RegisterWebhook request) {
        WebhookDesk.Registered registered = desk.register(caller, request.url(), request.after());
        return WebhookView.of(registered.webhook(), registered.secret());
    }

    @GetMapping
    @Operation(operationId = "getLeadWebhook", summary = "Read your webhook and how its pushes fare",
            description = "The address, the feed position pushed up to, the failures since the last success and the "
                    + "next attempt. The secret is not shown again.")
    @ApiResponse(responseCode = "200", description = "The webhook.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = WebhookView.class),
            examples = @ExampleObject(name = "retrying", value = WebhookExamples.WEBHOOK_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only finance institutions have webhooks.")
    @ApiResponse(responseCode = "404", description = "No webhook is registered.")
    WebhookView get(CallerIdentity caller) {
        return WebhookView.of(desk.get(caller), null);
    }

    @DeleteMapping
    @Operation(operationId = "removeLeadWebhook", summary = "Remove your webhook",
            description = "Pushes stop; the lead feed is unchanged. Removing none is not an error.")
    @ApiResponse(responseCode = "204", description = "Removed.")
    @ApiResponse(responseCode = "403", description = "Only finance institutions have webhooks.")
    ResponseEntity<Void> remove(CallerIdentity caller) {
        desk.remove(caller);
        return ResponseEntity.noContent().build();
    }
}
