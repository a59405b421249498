package dev.signalyard.queryapi.live;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ChannelPromise;
import reactor.netty.NettyPipeline;

/**
 * Tells a stream's {@link WriteWindow} when the bytes it handed to the web server have been written
 * to the connection: sits in the pipeline of the stream's channel (the connection over HTTP/1.1,
 * the stream's own channel over HTTP/2) just before Reactor Netty's bridge, sees every write of the
 * response, and reports each one's content bytes when its write completes or fails. Writes without
 * content (headers, flushes) pass untouched, as does everything while no window is set.
 *
 * <p>One instance per channel; over HTTP/1.1 it stays for the connection and serves its streaming
 * responses one after the other ({@link #use}).
 *
 * <p>Thread-safety: writes run on the channel's event loop; the window is handed over from any
 * thread (a volatile field). Each write reports to the window that was set when it was made.
 */
final class WriteCompletions extends ChannelOutboundHandlerAdapter {

  static final String NAME = "signalyard.writeCompletions";

  private volatile WriteWindow window;

  /**
   * The instance of {@code pipeline}, added before Reactor Netty's bridge if not there yet, or null
   * when the pipeline has no such bridge (not a Reactor Netty response).
   */
  static WriteCompletions of(ChannelPipeline pipeline) {
    synchronized (pipeline) {
      if (pipeline.get(NAME) instanceof WriteCompletions existing) {
        return existing;
      }
      if (pipeline.get(NettyPipeline.ReactiveBridge) == null) {
        return null;
      }
      WriteCompletions added = new WriteCompletions();
      pipeline.addBefore(NettyPipeline.ReactiveBridge, NAME, added);
      return added;
    }
  }

  /** Reports the writes from now on to {@code window}. */
  void use(WriteWindow window) {
    this.window = window;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    WriteWindow current = window;
    int bytes = current == null ? 0 : contentBytes(msg);
    if (bytes == 0) {
      ctx.write(msg, promise);
      return;
    }
    ChannelPromise done = ctx.newPromise();
    done.addListener(
        future -> {
          current.written(bytes);
          if (promise.isVoid()) {
            return;
          }
          if (future.isSuccess()) {
            promise.trySuccess();
          } else {
            promise.tryFailure(future.cause());
          }
        });
    ctx.write(msg, done);
  }

  private static int contentBytes(Object msg) {
    if (msg instanceof ByteBuf buffer) {
      return buffer.readableBytes();
    }
    if (msg instanceof ByteBufHolder holder) {
      return holder.content().readableBytes();
    }
    return 0;
  }
}
