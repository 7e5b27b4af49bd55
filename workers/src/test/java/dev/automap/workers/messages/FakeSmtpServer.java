package dev.automap.workers.messages;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Just enough SMTP to accept mail and keep each message's raw text; no TLS, no auth. */
public final class FakeSmtpServer implements AutoCloseable {
  public final List<String> received = new CopyOnWriteArrayList<>();
  private final ServerSocket server;
  private volatile boolean refusing;

  public FakeSmtpServer() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread thread = new Thread(this::serve, "fake-smtp");
    thread.setDaemon(true);
    thread.start();
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Answers every message with a temporary failure (451) while set. */
  public void refusing(boolean refusing) {
    this.refusing = refusing;
  }

  private void serve() {
    while (!server.isClosed()) {
      try (Socket socket = server.accept()) {
        session(socket);
      } catch (IOException e) {
        // closed, or a client that went away
      }
    }
  }

  private void session(Socket socket) throws IOException {
    var in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    OutputStream out = socket.getOutputStream();
    reply(out, "220 fake ESMTP");
    String line;
    while ((line = in.readLine()) != null) {
      String command = line.toUpperCase();
      if (command.startsWith("EHLO") || command.startsWith("HELO")) {
        reply(out, "250 fake");
      } else if (command.startsWith("DATA")) {
        reply(out, "354 go on");
        StringBuilder data = new StringBuilder();
        while ((line = in.readLine()) != null && !line.equals(".")) {
          data.append(line).append('\n');
        }
        if (refusing) {
          reply(out, "451 try again later");
        } else {
          received.add(data.toString());
          reply(out, "250 accepted");
        }
      } else if (command.startsWith("QUIT")) {
        reply(out, "221 bye");
        return;
      } else {
        reply(out, "250 ok");
      }
    }
  }

  private static void reply(OutputStream out, String text) throws IOException {
    out.write((text + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
