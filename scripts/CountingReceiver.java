import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * A webhook receiver for end-to-end scripts: answers 200 to every request and appends one line per
 * call ({@code <epoch seconds> <method> <path> <Idempotency-Key>}) to a file, so a script can count
 * the calls a run made. Run with the JDK alone: {@code java scripts/CountingReceiver.java PORT FILE}.
 */
public class CountingReceiver {
  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path file = Path.of(args[1]);
    Files.writeString(file, "", StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
          String line =
              Instant.now().getEpochSecond()
                  + " "
                  + exchange.getRequestMethod()
                  + " "
                  + exchange.getRequestURI().getPath()
                  + " "
                  + (key == null ? "-" : key)
                  + "\n";
          synchronized (CountingReceiver.class) {
            Files.writeString(
                file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
          }
          byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    System.out.println("receiving on 127.0.0.1:" + port);
  }
}
