package org.mengkeju.gateway.edge;

import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.stereotype.Component;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

/** Puts a {@link MalformedRequestGuard} behind the HTTP/1.1 decoder of every connection the gateway accepts. */
@Component
class MalformedRequestCustomizer implements NettyServerCustomizer {

    static final String HANDLER_NAME = "mengkeju.malformedRequestGuard";

    private final JsonMapper json;

    MalformedRequestCustomizer(JsonMapper json) {
        this.json = json;
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new MalformedRequestGuard(json));
            }
        });
    }
}
