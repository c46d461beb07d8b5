package org.mengkeju.catalog.trading;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

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
import org.mengkeju.catalog.trading.LotRequests.AuctionEventPage;
import org.mengkeju.catalog.trading.LotRequests.AuctionEventView;
import org.mengkeju.catalog.trading.LotRequests.DecideObjection;
import org.mengkeju.catalog.trading.LotRequests.FileObjection;
import org.mengkeju.catalog.trading.LotRequests.ListForSale;
import org.mengkeju.catalog.trading.LotRequests.LotPage;
import org.mengkeju.catalog.trading.LotRequests.LotView;
import org.mengkeju.catalog.trading.LotRequests.ObjectionView;
import org.mengkeju.catalog.trading.LotRequests.PlaceBid;
import org.mengkeju.catalog.trading.LotRequests.PlacedBid;
import org.mengkeju.catalog.trading.LotRequests.RecordDeposit;
import org.mengkeju.catalog.trading.LotRequests.StatisticsView;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.IdempotentRequests;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** HTTP adapter of trading: listing for sale (挂牌), auctions (竞价) and deals in publication (公示). No rules. */
@RestController
@Validated
@Tag(name = "Trading", description = "挂牌 and 竞价: published achievements listed for sale, buyers' registrations "
        + "and deposits, auctions with anonymous bidders, deals in their publication period (公示) and objections")
@RequestMapping("/api/v1/catalog")
class LotController {

    private static final String KEY_PATTERN = "[A-Za-z0-9._:-]{1,100}";
    private static final String KEY_MESSAGE = "must be 1 to 100 letters, digits or . _ : -";
    private static final String LOT_MESSAGE = "must be a lot id";

    private static final Logger log = LoggerFactory.getLogger(LotController.class);
    /** The comment a silent stream sends now and then ({@link TradingPolicy#watchHeartbeat()}). */
    static final String KEEP_ALIVE = "keep-alive";
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final TradingDesk desk;
    private final AuctionFeed feed;
    private final IdempotentRequests idempotentRequests;
    private final Duration watchLength;

    LotController(TradingDesk desk, AuctionFeed feed, IdempotentRequests idempotentRequests, TradingPolicy policy) {
        this.desk = desk;
        this.feed = feed;
        this.idempotentRequests = idempotentRequests;
        this.watchLength = policy.watchLength();
    }

    @PostMapping("/achievements/{achievementId}/lots")
    @Operation(operationId = "listAchievementForSale", summary = "List a published achievement for sale (挂牌)",
            description = "The owner's transfer office, the sub-center of the achievement's league-city or an "
                    + "operator lists it with a transfer mode, a listed (starting) price, a bid increment, an "
                    + "optional reserve (保留价), a deposit (保证金), the end of the listing period and the auction's "
                    + "close, the anti-sniping window, and optional conditions on buyers (league-cities, kinds of "
                    + "institution). At the end of the listing period, no qualified buyer leaves it unsold, one takes "
                    + "it by agreement at the listed price, two or more bid for it at auction. One lot at a time holds "
                    + "an achievement.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = ListForSale.class),
                    examples = @ExampleObject(name = "assignment", value = TradingExamples.LIST_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Listed, or the first result again for a repeated "
            + "Idempotency-Key (then `Idempotent-Replayed: true`).", headers = {
                    @Header(name = "Location", description = "The new lot.", schema = @Schema(type = "string")),
                    @Header(name = "Idempotent-Replayed", description = "true when this repeats an earlier create.",
                            schema = @Schema(type = "string", allowableValues = {"true", "false"}))},
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = LotView.class),
                    examples = @ExampleObject(name = "listed", value = TradingExamples.LOT_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "A term breaks a rule; the problem names the field.")
    @ApiResponse(responseCode = "403", description = "The caller does not manage the achievement.")
    @ApiResponse(responseCode = "409", description = "The achievement is not PUBLISHED or is on an open lot, or "
            + "the Idempotency-Key was used for another request.")
    ResponseEntity<LotView> list(CallerIdentity caller,
            @Parameter(description = "The achievement's id.", example = TradingExamples.EXAMPLE_ACHIEVEMENT)
            @PathVariable String achievementId,
            @Parameter(description = "Your own key for this listing: a retry with the same key returns the first "
                    + "result, the same key with another body is a 409.", example = "imut-lot-2030-0042")
            @RequestHeader("Idempotency-Key") @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE)
            String idempotencyKey,
            @Valid @RequestBody ListForSale request) {
        return idempotentRequests.once(caller.clientId(), idempotencyKey,
                RequestFingerprint.of("list-for-sale", achievementId, request), LotView.class, () -> {
                    LotTerms terms;
                    try {
                        terms = request.terms();
                    } catch (InvalidTerms invalid) {
                        throw ApiProblem.invalid("invalid-terms", "Invalid " + invalid.field(), invalid.getMessage());
                    }
                    TradingDesk.Shown shown = desk.list(caller, idempotencyKey, achievementId, terms,
                            request.sessionId())
                            .shown();
                    return ResponseEntity.created(URI.create("/api/v1/catalog/trading/lots/" + shown.lot().id()))
                            .body(LotView.of(shown));
                });
    }

    @GetMapping("/trading/lots")
    @Operation(operationId = "listLots", summary = "Page through the lots",
            description = "Every lot, in the order listed, optionally in one status; a public notice board. Pass the "
                    + "`next` of a page as `after` to get the following one.")
    @ApiResponse(responseCode = "200", description = "A page.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = LotPage.class),
            examples = @ExampleObject(name = "page", value = TradingExamples.PAGE_EXAMPLE)))
    LotPage lots(CallerIdentity caller,
            @Parameter(description = "Only lots in this status.", example = "AUCTION")
            @RequestParam(required = false) LotStatus status,
            @Parameter(description = "The `next` of the previous page.", example = TradingExamples.EXAMPLE_LOT)
            @RequestParam(required = false) @Pattern(regexp = LotId.PATTERN, message = LOT_MESSAGE) String after,
            @Parameter(description = "Page size, 1 to 100.", example = "50")
            @RequestParam(defaultValue = "50") @Min(1) @Max(TradingDesk.MAX_PAGE) int limit) {
        return LotPage.of(desk.page(caller, status, after, limit), limit);
    }

    @GetMapping("/trading/lots/{lotId}")
    @Operation(operationId = "getLot", summary = "Read a lot",
            description = "Its terms, bidders, bids and outcome. Bidders appear as pseudonyms; the owner's office, "
                    + "the sub-center and operators also see their institutions and the reserve. `you` is your own "
                    + "pseudonym when your institution registered.")
    @ApiResponse(responseCode = "200", description = "The lot.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = LotView.class),
            examples = @ExampleObject(name = "at-auction", value = TradingExamples.LOT_EXAMPLE)))
    LotView get(CallerIdentity caller,
            @Parameter(description = "The lot's id.", example = TradingExamples.EXAMPLE_AUCTION)
            @PathVariable String lotId) {
        return LotView.of(desk.get(caller, lotId));
    }

    @GetMapping(path = "/trading/lots/{lotId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(operationId = "watchLot", summary = "Watch a lot's auction: its bids, extensions and close (竞价动态)",
            description = "The lot's accepted bids (by the bidders' pseudonyms, to everyone: those who list the lot "
                    + "read the institutions from the lot itself), each move of the close a bid in the anti-sniping "
                    + "window caused, and the close with its outcome. With `Accept: text/event-stream` it is a live "
                    + "stream of server-sent events (`id`, `event` bid, extended or closed, `data` one event as JSON) "
                    + "that ends after the close; a watcher that reconnects with `Last-Event-ID` resumes after that "
                    + "event, as EventSource does by itself. Otherwise the events after `Last-Event-ID` (from the "
                    + "first, without it) as JSON, at most 1,000 per answer. Ids: `12` the twelfth bid, "
                    + "`12-extended` the move of the close it caused, `closed`.")
    @ApiResponse(responseCode = "200", description = "The events after Last-Event-ID, or the live stream.",
            content = {
                    @Content(mediaType = "application/json", schema = @Schema(implementation = AuctionEventPage.class),
                            examples = @ExampleObject(name = "extended", value = TradingExamples.EVENTS_EXAMPLE)),
                    @Content(mediaType = "text/event-stream", schema = @Schema(type = "string"),
                            examples = @ExampleObject(name = "stream", value = TradingExamples.EVENT_STREAM_EXAMPLE))})
    AuctionEventPage events(CallerIdentity caller,
            @Parameter(description = "The lot's id.", example = TradingExamples.EXAMPLE_AUCTION)
            @PathVariable String lotId,
            @Parameter(description = "The id of the last event you have: the answer starts after it.",
                    example = "12")
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        return AuctionEventPage.of(lotId, feed.after(caller, lotId, lastEventId), lastEventId);
    }

    /** The same events as {@link #events}, live: documented there, under its media type text/event-stream. */
    @GetMapping(path = "/trading/lots/{lotId}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @Operation(hidden = true)
    SseEmitter watch(CallerIdentity caller, @PathVariable String lotId,
            @RequestHeader(name = LAST_EVENT_ID, required = false) String lastEventId) {
        AuctionFeed.Watch watch = feed.watch(caller, lotId, lastEventId);
        // Longer than the watch itself, which ends the stream first; the client then reconnects.
        SseEmitter emitter = new SseEmitter(watchLength.plusMinutes(1).toMillis());
        Thread.ofVirtual().name("watch-" + lotId).start(() -> {
            try {
                watch.follow(new AuctionFeed.Sink() {
                    @Override
                    public boolean send(AuctionEvent event) throws IOException {
                        emitter.send(SseEmitter.event().id(event.id()).name(event.type().streamName())
                                .data(AuctionEventView.of(event), MediaType.APPLICATION_JSON));
                        return true;
                    }

                    @Override
                    public boolean keepAlive() throws IOException {
                        emitter.send(SseEmitter.event().comment(KEEP_ALIVE));
                        return true;
                    }
                });
                emitter.complete();
            } catch (IOException | IllegalStateException gone) {
                // The watcher went away (or the stream timed out): nothing more to send.
                emitter.completeWithError(gone);
            } catch (Exception failed) {
                log.warn("watching lot {} failed: {}", lotId, failed.toString());
                emitter.completeWithError(failed);
            }
        });
        return emitter;
    }

    @PostMapping("/trading/lots/{lotId}/registrations")
    @Operation(operationId = "registerForLot", summary = "Register your institution as a buyer (报名)",
            description = "Partners of institutions other than the owner register during the listing period, within "
                    + "the lot's conditions, and get a pseudonym the other bidders know them by. Registering again "
                    + "returns the same registration. A buyer qualifies once an operator recorded its deposit.")
    @ApiResponse(responseCode = "200", description = "Registered; the lot with `you` set.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LotView.class),
            examples = @ExampleObject(name = "registered", value = TradingExamples.LOT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Not a partner of another institution, or outside the lot's "
            + "conditions.")
    @ApiResponse(responseCode = "409", description = "The listing period is over.")
    LotView register(CallerIdentity caller,
            @Parameter(description = "The lot's id.", example = TradingExamples.EXAMPLE_LOT)
            @PathVariable String lotId) {
        return LotView.of(desk.register(caller, lotId));
    }

    @PostMapping("/trading/lots/{lotId}/deposit-payments")
    @Operation(operationId = "recordDeposit", summary = "Record a buyer's deposit as paid (保证金)",
            description = "Operators, who hold deposits in escrow, record a registered buyer's payment; the amount "
                    + "is the lot's deposit. Recording the same reference again changes nothing. Deposits are taken "
                    + "until the listing period ends; losing bidders' deposits are released by DepositReleased "
                    + "events.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = RecordDeposit.class),
                    examples = @ExampleObject(name = "paid", value = TradingExamples.DEPOSIT_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "Recorded; the lot.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LotView.class),
            examples = @ExampleObject(name = "recorded", value = TradingExamples.LOT_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "The amount is not the lot's deposit.")
    @ApiResponse(responseCode = "403", description = "Only operators record deposits.")
    @ApiResponse(responseCode = "409", description = "The institution has not registered, its deposit was recorded "
            + "under another reference, or the listing period is over.")
    LotView recordDeposit(CallerIdentity caller,
            @Parameter(description = "The lot's id.", example = TradingExamples.EXAMPLE_LOT)
            @PathVariable String lotId,
            @Valid @RequestBody RecordDeposit request) {
        long amountFen;
        try {
            amountFen = Yuan.toFen(request.amountYuan(), "amountYuan");
        } catch (InvalidTerms invalid) {
            throw ApiProblem.invalid("invalid-amount", "Invalid amountYuan", invalid.getMessage());
        }
        return LotView.of(desk.recordDeposit(caller, lotId, request.institutionId(), amountFen,
                request.reference().strip()));
    }

    @PostMapping("/trading/auctions/{auctionId}/bids")
    @Operation(operationId = "placeBid", summary = "Bid at a lot's auction (竞价)",
            description = "A qualified buyer bids the current top (or the starting price) plus a whole multiple of "
                    + "the increment, before the close. Bids are accepted or refused atomically: of two bids at the "
                    + "same price one is accepted; a bid at the closing instant or after is refused; a bid within the "
                    + "anti-sniping window moves the close to the bid's time plus the window. A retry with the same "
                    + "Idempotency-Key finds the bid it placed.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = PlaceBid.class),
                    examples = @ExampleObject(name = "one-increment", value = TradingExamples.BID_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Accepted.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = PlacedBid.class),
            examples = @ExampleObject(name = "accepted", value = TradingExamples.PLACED_EXAMPLE)))
    @ApiResponse(responseCode = "400", description = "Not a whole multiple of the increment above the starting "
            + "price.")
    @ApiResponse(responseCode = "403", description = "Not a partner, or no deposit recorded on the lot.")
    @ApiResponse(responseCode = "409", description = "Not above the top bid, the auction closed, the lot is not at "
            + "auction, or the Idempotency-Key placed another bid.")
    ResponseEntity<PlacedBid> bid(CallerIdentity caller,
            @Parameter(description = "The id of the lot at auction.", example = TradingExamples.EXAMPLE_AUCTION)
            @PathVariable String auctionId,
            @Parameter(description = "Your own key for this bid: a retry with the same key finds the bid it placed.",
                    example = "muge-bid-0042") @RequestHeader("Idempotency-Key")
            @Pattern(regexp = KEY_PATTERN, message = KEY_MESSAGE) String idempotencyKey,
            @Valid @RequestBody PlaceBid request) {
        long amountFen;
        try {
            amountFen = Yuan.toFen(request.amountYuan(), "amountYuan");
        } catch (InvalidTerms invalid) {
            throw ApiProblem.invalid("invalid-amount", "Invalid amountYuan", invalid.getMessage());
        }
        TradingDesk.Placed placed = desk.bid(caller, auctionId, amountFen, idempotencyKey);
        return ResponseEntity.status(201).header(IdempotentRequests.REPLAYED_HEADER, String.valueOf(placed.replayed()))
                .body(PlacedBid.of(placed));
    }

    @PostMapping("/trading/deals/{dealId}/objections")
    @Operation(operationId = "fileObjection", summary = "Object to a deal in publication (异议)",
            description = "During a deal's publication period (公示) partners, finance institutions and brokers may "
                    + "object; an operator decides. A deal with an objection pending does not become final.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = FileObjection.class),
                    examples = @ExampleObject(name = "related-party", value = TradingExamples.OBJECTION_EXAMPLE))))
    @ApiResponse(responseCode = "201", description = "Filed.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ObjectionView.class),
            examples = @ExampleObject(name = "filed", value = TradingExamples.OBJECTION_VIEW_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Operators and sub-centers do not file objections.")
    @ApiResponse(responseCode = "409", description = "The lot is not in its publication period.")
    ResponseEntity<ObjectionView> object(CallerIdentity caller,
            @Parameter(description = "The id of the lot whose deal is in publication.",
                    example = TradingExamples.EXAMPLE_DEAL) @PathVariable String dealId,
            @Valid @RequestBody FileObjection request) {
        return ResponseEntity.status(201).body(ObjectionView.of(desk.fileObjection(caller, dealId, request.reason()),
                false));
    }

    @PostMapping("/trading/deals/{dealId}/objections/{objectionNumber}/decision")
    @Operation(operationId = "decideObjection", summary = "Decide an objection",
            description = "Operators uphold an objection (the deal is annulled: DealAnnulled, and the buyer's "
                    + "deposit released) or dismiss it (the deal stands and becomes final when its period is over).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
                    mediaType = "application/json", schema = @Schema(implementation = DecideObjection.class),
                    examples = @ExampleObject(name = "dismissed", value = TradingExamples.DECISION_EXAMPLE))))
    @ApiResponse(responseCode = "200", description = "Decided; the lot.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = LotView.class),
            examples = @ExampleObject(name = "decided", value = TradingExamples.LOT_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators decide objections.")
    @ApiResponse(responseCode = "409", description = "Decided already, or the lot is no longer in publication.")
    LotView decide(CallerIdentity caller,
            @Parameter(description = "The id of the lot whose deal is in publication.",
                    example = TradingExamples.EXAMPLE_DEAL) @PathVariable String dealId,
            @Parameter(description = "The objection's number within the lot, from 1.", example = "1")
            @PathVariable @Min(1) @Max(Lot.MAX_OBJECTIONS) int objectionNumber,
            @Valid @RequestBody DecideObjection request) {
        return LotView.of(desk.decideObjection(caller, dealId, objectionNumber, request.upheld(), request.note()));
    }

    @GetMapping("/trading/statistics")
    @Operation(operationId = "tradingStatistics", summary = "Trading statistics",
            description = "For operators: lots, decided, sold, the sold rate, and the premium of final prices over "
                    + "starting prices of the lots sold, by industry chain or by release session.")
    @ApiResponse(responseCode = "200", description = "The figures.", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = StatisticsView.class),
            examples = @ExampleObject(name = "by-session", value = TradingExamples.STATISTICS_EXAMPLE)))
    @ApiResponse(responseCode = "403", description = "Only operators read the statistics.")
    StatisticsView statistics(CallerIdentity caller,
            @Parameter(description = "CHAIN or SESSION.", example = "SESSION")
            @RequestParam(defaultValue = "CHAIN") TradingDesk.Grouping by) {
        return new StatisticsView(by, desk.statistics(caller, by));
    }
}
