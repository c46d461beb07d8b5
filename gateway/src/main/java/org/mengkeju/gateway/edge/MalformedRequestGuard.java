package org.mengkeju.gateway.edge;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.RequestIds;
import org.springframework.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sits right behind Netty's HTTP decoder and answers the requests that never reach WebFlux: a request line or
 * headers over the server's limits (414, 431), bytes that are not HTTP (a raw CR or LF in a header), and a
 * request target that is not a URI ({@code %ZZ}), which WebFlux could not turn into a request. Without it these
 * get reactor-netty's empty answer with no request id. The answer is the same problem body every other error
 * has, and the connection is closed, since the stream can no longer be trusted to be at a request boundary.
 *
 * <p>One instance per connection: after a refusal it drops whatever else arrives until the close completes.
 */
final class MalformedRequestGuard extends ChannelInboundHandlerAdapter {

    private static final Logger access = LoggerFactory.getLogger("org.mengkeju.gateway.access");
    /** Echoed text is cut here; a 5,000-character path is not worth sending back. */
    private static final int MAX_ECHO = 200;

    private final JsonMapper json;
    private boolean refused;

    MalformedRequestGuard(JsonMapper json) {
        this.json = json;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            ApiProblem problem = refusalOf(request);
            if (problem != null) {
                refused = true;
                ReferenceCountUtil.release(msg);
                respond(ctx, request, problem);
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Why the request cannot be served, or null when it is well formed. */
    static ApiProblem refusalOf(HttpRequest request) {
        DecoderResult result = request.decoderResult();
        if (result.isFailure()) {
            Throwable cause = result.cause();
            if (cause instanceof TooLongHttpLineException) {
                return new ApiProblem(HttpStatus.URI_TOO_LONG, "uri-too-long",
                        "URI too long", "the request line is longer than the gateway accepts; send long values in"
                        + " the body or shorten the path and query");
            }
            if (cause instanceof TooLongHttpHeaderException || cause instanceof TooLongFrameException) {
                return new ApiProblem(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                        "headers-too-large", "Request headers too large",
                        "the request headers are larger than the gateway accepts; shorten or drop the large header");
            }
            return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", "the request is not valid HTTP/1.1: " + echo(String.valueOf(
                    cause == null ? "unreadable" : cause.getMessage())));
        }
        try {
            new URI(request.uri());
        } catch (URISyntaxException e) {
            return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-uri", "Malformed URI",
                    "the request target is not a valid URI (" + echo(e.getReason()) + " at index " + e.getIndex()
                    + "); percent-encode reserved and non-ASCII characters as %XX");
        }
        // WebFlux builds the request's URI from the Host header too, and fails the same way on a bad one.
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null) {
            try {
                new URI("http://" + host + "/");
            } catch (URISyntaxException e) {
                return new ApiProblem(HttpStatus.BAD_REQUEST, "malformed-host", "Malformed Host header",
                        "the Host header is not a host name or address with an optional port (" + echo(e.getReason())
                        + ")");
            }
        }
        return null;
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest request, ApiProblem problem) {
        String requestId = RequestIds.acceptOrCreate(request.headers().get(RequestIds.HEADER));
        Map<String, Object> body = new LinkedHashMap<>();
        var detail = problem.toProblemDetail();
        body.put("type", String.valueOf(detail.getType()));
        body.put("title", detail.getTitle());
        body.put("status", detail.getStatus());
        body.put("detail", detail.getDetail());
        if (!request.decoderResult().isFailure()) {
            body.put("instance", echo(request.uri()));
        }
        body.put("requestId", requestId);
        byte[] bytes = json.writeValueAsBytes(body);

        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(problem.status().value()), Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
                .set(RequestIds.HEADER, requestId)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        try (var ignored = MDC.putCloseable(RequestLogContext.MDC_KEY, requestId)) {
            access.info("{} {} {} client=- refused before routing: {}", request.method(),
                    echo(request.decoderResult().isFailure() ? "-" : request.uri()), problem.status().value(),
                    problem.getMessage());
        }
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String echo(String text) {
        if (text == null) {
            return "";
        }
        String printable = text.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "…";
    }
}
