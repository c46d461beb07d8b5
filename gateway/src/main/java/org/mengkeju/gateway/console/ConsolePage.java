package org.mengkeju.gateway.console;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

/**
 * The operations console page (运维控制台) at {@code /console/}: static HTML, CSS and vanilla JavaScript from the
 * gateway's class path, nothing loaded from anywhere else, so it works on a network without the internet. The page
 * holds no data: it asks {@code /api/v1/ops/...} with the operator's API key, which it keeps in sessionStorage.
 *
 * <p>The gateway serves no other files ({@code spring.web.resources.add-mappings: false}); these three are routed
 * explicitly, with a content security policy that lets the page talk to its own origin only.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePage {

    static final String PATH = "/console/";
    /** Scripts, styles and calls from the gateway's own origin only; no frames; the key never leaves in a Referer. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Bean
    RouterFunction<ServerResponse> consolePageRoutes() {
        return RouterFunctions.route(GET("/console"), request -> ServerResponse.permanentRedirect(URI.create(PATH))
                        .build())
                .andRoute(GET(PATH), request -> file("index.html", MediaType.TEXT_HTML))
                .andRoute(GET(PATH + "index.html"), request -> file("index.html", MediaType.TEXT_HTML))
                .andRoute(GET(PATH + "console.js"), request -> file("console.js",
                        MediaType.parseMediaType("text/javascript")))
                .andRoute(GET(PATH + "console.css"), request -> file("console.css",
                        MediaType.parseMediaType("text/css")));
    }

    private static reactor.core.publisher.Mono<ServerResponse> file(String name, MediaType type) {
        return ServerResponse.ok()
                .contentType(new MediaType(type, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .bodyValue(new ClassPathResource("console/" + name));
    }
}
