package dev.automap.app.boundary;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.netty.channel.ChannelPipelineCustomizer;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A request whose body stops arriving before its {@code Content-Length} (or its last chunk) is
 * answered with a 408 and its connection closed once no byte of it came for {@code
 * automap.http.body-timeout} (10 s by default). Netty's idle timeout ({@code
 * micronaut.server.idle-timeout}) would instead also cut a long request the server is still working
 * on, so this watches only the time a body is being read.
 */
@Singleton
final class StalledBodyGuard implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {
  static final String HANDLER = "automap-stalled-body";

  private final Duration timeout;

  StalledBodyGuard(@Value("${automap.http.body-timeout:10s}") Duration timeout) {
    this.timeout = timeout;
  }

  @Override
  public NettyServerCustomizer.Registry onCreated(
      BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
    NettyServerCustomizer.Registry registry = event.getBean();
    registry.register(new Customizer(null));
    return registry;
  }

  /** Adds the watch to every HTTP/1 connection, right after the codec that parses requests. */
  private final class Customizer implements NettyServerCustomizer {
    private final Channel channel;

    Customizer(Channel channel) {
      this.channel = channel;
    }

    @Override
    public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
      return role == ChannelRole.CONNECTION ? new Customizer(channel) : this;
    }

    @Override
    public void onStreamPipelineBuilt() {
      if (channel == null
          || channel.pipeline().get(HANDLER) != null
          || channel.pipeline().get(ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC) == null) {
        return;
      }
      channel
          .pipeline()
          .addAfter(
              ChannelPipelineCustomizer.HANDLER_HTTP_SERVER_CODEC,
              HANDLER,
              new Watch(timeout.toNanos()));
    }
  }

  /** Between a request's head and its last content: the time since a part of it came. */
  static final class Watch extends ChannelDuplexHandler {
    private final long timeoutNanos;
    private boolean inBody;
    private boolean answered;
    private long lastRead;
    private ScheduledFuture<?> check;

    Watch(long timeoutNanos) {
      this.timeoutNanos = timeoutNanos;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
      if (msg instanceof HttpRequest) {
        answered = false;
        inBody = !(msg instanceof LastHttpContent);
      } else if (msg instanceof LastHttpContent) {
        inBody = false;
      }
      lastRead = System.nanoTime();
      if (inBody && check == null) {
        schedule(ctx, timeoutNanos);
      }
      super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (msg instanceof HttpResponse) {
        answered = true;
      }
      super.write(ctx, msg, promise);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
      if (check != null) {
        check.cancel(false);
        check = null;
      }
      super.channelInactive(ctx);
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
      check = ctx.executor().schedule(() -> expire(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void expire(ChannelHandlerContext ctx) {
      check = null;
      if (!inBody || !ctx.channel().isActive()) {
        return;
      }
      long quiet = System.nanoTime() - lastRead;
      if (quiet < timeoutNanos) {
        schedule(ctx, timeoutNanos - quiet);
        return;
      }
      inBody = false;
      if (answered) {
        ctx.close();
        return;
      }
      answered = true;
      byte[] body =
          ("{\"type\":\"https://automap.dev/problems/request-timeout\",\"title\":\"Request Timeout\","
                  + "\"status\":408,\"detail\":\"the request body stopped arriving before its"
                  + " Content-Length; send the whole body\"}")
              .getBytes(StandardCharsets.UTF_8);
      var response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.REQUEST_TIMEOUT,
              Unpooled.wrappedBuffer(body));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json");
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
  }
}
