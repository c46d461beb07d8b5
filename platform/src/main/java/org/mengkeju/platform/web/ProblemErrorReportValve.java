package org.mengkeju.platform.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error nobody answered (a URI it cannot decode, a request it refused before the
 * application saw it): an RFC 9457 problem with a request id instead of an HTML page or an empty body.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        HttpStatus httpStatus = known == null ? HttpStatus.BAD_REQUEST : known;
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId == null) {
            requestId = RequestIds.acceptOrCreate(safeHeader(request));
        }
        try {
            response.setHeader(RequestIds.HEADER, requestId.toString());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            byte[] body = ProblemResponses.body(httpStatus, slug(httpStatus), httpStatus.getReasonPhrase(),
                    detail(httpStatus), requestId, null);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // The connection is gone or the response already started: nothing more can be said.
        }
    }

    private static String safeHeader(Request request) {
        try {
            return request.getHeader(RequestIds.HEADER);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String slug(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "malformed-request";
            case NOT_FOUND -> "not-found";
            case CONTENT_TOO_LARGE -> "body-too-large";
            case URI_TOO_LONG -> "uri-too-long";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "headers-too-large";
            case INTERNAL_SERVER_ERROR -> "internal-error";
            default -> "http-" + status.value();
        };
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "the request is malformed (for example an invalid percent-encoding in the path or"
                    + " query, or an invalid header)";
            case NOT_FOUND -> "there is no resource at this path";
            case CONTENT_TOO_LARGE -> "the request body is larger than this service accepts";
            case URI_TOO_LONG -> "the request URI is longer than this service accepts";
            case REQUEST_HEADER_FIELDS_TOO_LARGE -> "the request headers are larger than this service accepts";
            case INTERNAL_SERVER_ERROR -> "the request failed on our side; quote the request id to the platform"
                    + " operators";
            default -> status.getReasonPhrase();
        };
    }
}
