package org.mengkeju.platform.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a query string that is not valid percent-encoded UTF-8 ({@code ?cursor=%ZZ}), or that decodes to text
 * the API does not accept (a NUL, see {@link StrictText}), with a 400 problem. The
 * container decodes a query only when a parameter is read, and then quietly drops what it cannot decode; a
 * caller should instead learn that the request was malformed, whichever parameter it was meant for.
 */
public class QueryEncodingFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null && !isWellEncoded(query)) {
            ProblemResponses.write(request, response, HttpStatus.BAD_REQUEST, "malformed-request",
                    "Malformed request", "the query string is not valid percent-encoded UTF-8 text (no control characters)");
            return;
        }
        chain.doFilter(request, response);
    }

    /** Every {@code %} starts two hex digits, and each name and value decodes to acceptable UTF-8 text. */
    public static boolean isWellEncoded(String query) {
        for (String part : query.split("[&=]", -1)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (c == '%') {
                    if (i + 2 >= part.length()) {
                        return false;
                    }
                    int high = Character.digit(part.charAt(i + 1), 16);
                    int low = Character.digit(part.charAt(i + 2), 16);
                    if (high < 0 || low < 0) {
                        return false;
                    }
                    bytes.write(high * 16 + low);
                    i += 2;
                } else if (c > 0x7f) {
                    return false;
                } else {
                    bytes.write(c);
                }
            }
            try {
                CharSequence decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
                if (StrictText.violation(decoded) != null) {
                    return false;
                }
            } catch (CharacterCodingException e) {
                return false;
            }
        }
        return true;
    }
}
