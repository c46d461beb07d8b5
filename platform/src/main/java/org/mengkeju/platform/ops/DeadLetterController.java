package org.mengkeju.platform.ops;

import io.swagger.v3.oas.annotations.Hidden;
import org.mengkeju.platform.identity.CallerIdentity;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter desk over HTTP, for the gateway's operations API ({@code /api/v1/ops/services/<name>/dead-letters}
 * on the gateway, documented there): outside {@code /api}, so it is neither routed to from outside nor part of the
 * service's partner-facing document, and it still answers only a caller with a verified OPERATOR identity signed
 * for this service (anyone else: 401 or 403 problems).
 */
@Hidden
@RestController
@RequestMapping(path = DeadLetterController.PATH, produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    public static final String PATH = "/ops/dead-letters";

    private final DeadLetterDesk desk;

    public DeadLetterController(DeadLetterDesk desk) {
        this.desk = desk;
    }

    @GetMapping
    public DeadLetterDesk.Listing list(CallerIdentity caller,
            @RequestParam(defaultValue = "100") int limit) {
        return desk.list(caller, limit);
    }

    /** The backlog only (total, awaiting replay), counted from the topics' offsets: for the console's overview. */
    @GetMapping("/summary")
    public DeadLetterDesk.Listing summary(CallerIdentity caller) {
        return desk.summary(caller);
    }

    @PostMapping("/{deadLetterId}/replay")
    public DeadLetterDesk.ReplayOutcome replay(CallerIdentity caller, @PathVariable String deadLetterId) {
        return desk.replay(caller, deadLetterId);
    }
}
