package org.mengkeju.finance.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;

import org.mengkeju.finance.lead.LeadDesk;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * A finance institution registers, reads and removes its own webhook. Each registration issues a new signing secret,
 * shown once in the answer (the platform keeps it to sign with; it is never shown again).
 */
@Service
public class WebhookDesk {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 5;

    private final LeadWebhooks hooks;
    private final LeadDesk leads;
    private final Clock clock;
    private final boolean allowPlainHttp;

    WebhookDesk(LeadWebhooks hooks, LeadDesk leads, Clock clock,
            @Value("${mengkeju.finance.webhooks.allow-plain-http:false}") boolean allowPlainHttp) {
        this.hooks = hooks;
        this.leads = leads;
        this.clock = clock;
        this.allowPlainHttp = allowPlainHttp;
    }

    /** What a registration answers: the webhook and, this once, its secret. */
    public record Registered(LeadWebhook webhook, String secret) {
    }

    /**
     * Registers the caller's webhook or replaces its address; either way with a new secret. A new webhook is pushed
     * what changes after {@code after} (a cursor of the lead feed), or after now; a replaced one goes on from where it
     * stood unless {@code after} says otherwise.
     */
    public Registered register(CallerIdentity caller, String url, String after) {
        String institution = mayManage(caller);
        URI address = checked(url);
        if (after != null) {
            leads.feedOf(institution, after, 1); // a cursor the feed did not give out is a 400 here, not at delivery
        }
        String secret = "whsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                LeadWebhook hook = hooks.findById(institution).map(known -> {
                    known.replace(address, secret, clock.instant());
                    return known;
                }).orElseGet(() -> LeadWebhook.register(institution, address, secret,
                        after == null ? leads.feedEnd() : after, clock.instant()));
                if (after != null) {
                    hook.restartFrom(after);
                }
                return new Registered(hooks.save(hook), secret);
            } catch (OptimisticLockingFailureException | org.springframework.dao.DuplicateKeyException raced) {
                // a delivery or another registration wrote it meanwhile: read it again
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change",
                "the webhook of " + institution + " is being written by many requests at once; retry shortly");
    }

    public LeadWebhook get(CallerIdentity caller) {
        String institution = mayManage(caller);
        return hooks.findById(institution).orElseThrow(() -> ApiProblem.notFound("webhook", institution));
    }

    /** Removes the caller's webhook; removing none is not an error. */
    public void remove(CallerIdentity caller) {
        hooks.deleteById(mayManage(caller));
    }

    /** Who manages a webhook: a finance institution, its own. */
    static String mayManage(CallerIdentity caller) {
        if (!caller.is(Role.FINANCE_INSTITUTION) || caller.institutionId() == null) {
            throw ApiProblem.forbidden("webhooks are registered by finance institutions, each its own; a "
                    + caller.role() + " client " + caller.clientId() + " has none");
        }
        return caller.institutionId();
    }

    /** An absolute https address with a host and no credentials in it (plain http only where configured). */
    URI checked(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalidUrl("'" + url + "' is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowPlainHttp && scheme.equals("http"))) {
            throw invalidUrl("the address must be https" + (allowPlainHttp ? " or http" : "") + ", not '"
                    + (scheme.isEmpty() ? "(none)" : scheme) + "'");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw invalidUrl("the address names no host");
        }
        if (uri.getUserInfo() != null) {
            throw invalidUrl("credentials do not belong in the address; the signature authenticates the platform");
        }
        if (uri.getFragment() != null) {
            throw invalidUrl("the address may not have a fragment (#...)");
        }
        return uri;
    }

    private static ApiProblem invalidUrl(String detail) {
        return ApiProblem.invalid("webhook-url-invalid", "Invalid webhook address", "url: " + detail);
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
